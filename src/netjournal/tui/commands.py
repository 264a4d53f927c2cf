"""The command palette: every action that can run on the current screen, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class JournalCommands(Provider):
    """Offers each enabled binding of the screen and the app, so nothing is keys-only."""

    def _commands(self) -> list[tuple[str, str, str, object]]:
        screen = self.screen
        found: list[tuple[str, str, str, object]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            # Textual's own bindings (scrolling sideways, copying a selection) carry no id and
            # do nothing in this app worth offering by name.
            if not binding.description or not active.enabled or not binding.id:
                continue
            if binding.action in seen or binding.action.startswith("app.focus"):
                continue
            seen.add(binding.action)
            key = screen.app.get_key_display(binding)
            found.append((binding.description, binding.tooltip, binding.action, active.node))
            del key
        return found

    async def discover(self) -> Hits:
        for name, help_text, action, node in self._commands():
            yield DiscoveryHit(name, partial(self._run, action, node), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action, node in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action, node), help=help_text
                )

    async def _run(self, action: str, node: object) -> None:
        from textual.dom import DOMNode

        await self.app.run_action(action, node if isinstance(node, DOMNode) else None)
