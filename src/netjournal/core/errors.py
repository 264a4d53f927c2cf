"""The one error type the journal raises for anything a user should read."""


class JournalError(Exception):
    """A failure explained as a sentence fit to show a user: what happened, what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(JournalError):
    """Input that was refused before anything was written (exit code 1 in the shell)."""


class JournalFileError(JournalError):
    """The journal file cannot be opened or written safely."""


class UnusableJournalError(JournalFileError):
    """The file at the journal's path can't be used as it is (damaged, not a journal, or holding
    something netjournal didn't put there): `netjournal restore` may set it aside and replace it.
    """
