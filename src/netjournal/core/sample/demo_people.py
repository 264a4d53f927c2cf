"""The invented people, stories and words of the sample journal (`core/sample/demo.py` builds it).

Every name, company and place here is invented for the demo.
"""

from __future__ import annotations

TAG_CADENCE = {"close": 30, "network": 90, "mentor": 60}

# Every name, company and place below is invented for the demo.
# name | company | role | city | tags | story | own cadence in days
PEOPLE = """
Ana Lima        |Lumen Studio      |SEO consultant        |Lisbon      |close seo      |steady  |
Bruno Carvalho  |Pedra Digital     |Founder               |Porto       |network design |gives   |
Chen Wei-Ling   |Harbor Analytics  |Data lead             |Singapore   |mentor ai      |receives|
Dana Okafor     |                  |Freelance copywriter  |Lagos       |close writing  |gives   |
Samir Haddad    |Cedar Labs        |Engineering manager   |Beirut      |mentor ai      |receives|
Ingrid Solberg  |Fjordline Media   |Editor                |Bergen      |network writing|overdue |
Kenji Watanabe  |Kumo Works        |Product designer      |Osaka       |design network |due     |
Lucía Fernández |Brisa Agency      |Account director      |Valencia    |client seo     |steady  |21
Mateus Rocha    |Verde Co-op       |Community lead        |Curitiba    |network        |steady  |
Nadia Petrova   |Polar Type        |Type designer         |Sofia       |design close   |overdue |
Olu Adeyemi     |Baobab Ventures   |Partner               |Nairobi     |network mentor |due     |
Priya Raman     |Tessellate AI     |ML researcher         |Bengaluru   |ai close       |steady  |
Quentin Marchand|Atelier Q         |Illustrator           |Lyon        |design         |quiet   |
Rosa Jiménez    |Sol Bakery        |Owner                 |Seville     |client         |steady  |45
Tomasz Wójcik   |Pixel Forge       |Front-end developer   |Kraków      |network design |snoozed |
Uma Krishnan    |Northwind Press   |Managing editor       |Toronto     |writing mentor |touched |
Viktor Lindqvist|Nordvik Consulting|Strategist            |Malmö       |client network |overdue |
Wen Zhao        |Silk Thread Studio|UX researcher         |Shanghai    |design ai      |steady  |
Yara Nasser     |Olive Grove Media |Podcast host          |Amman       |writing network|gives   |
Zeynep Arslan   |Kervan Labs       |Growth marketer       |Istanbul    |seo network    |due     |
Aiko Tanaka     |Morning Paper     |Newsletter writer     |Kyoto       |writing        |new     |
Björn Halvorsen |Tidewater Design  |Art director          |Oslo        |design close   |steady  |
Camila Restrepo |Andes Growth      |SEO lead              |Medellín    |seo client     |steady  |
Diego Morales   |Cactus Cloud      |CTO                   |Mexico City |ai             |quiet   |
Elif Demir      |Lale Studio       |Brand designer        |Izmir       |design         |archived|
Farah Siddiqui  |Indus Learning    |Instructional designer|Karachi     |writing ai     |steady  |
Gustavo Pires   |Ondas Radio       |Producer              |Recife      |network        |overdue |
Hana Novak      |Lipa Books        |Literary agent        |Ljubljana   |writing mentor |steady  |
Ilse de Vries   |Polder Web        |Webmaster             |Utrecht     |seo            |quiet   |
Jonas Becker    |                  |Freelance developer   |Leipzig     |close ai       |due     |
Kalani Akana    |Reef Digital      |Social media lead     |Honolulu    |network        |new     |
Leila Moradi    |Saffron UX        |Design lead           |Vancouver   |design mentor  |steady  |
Mei Lin Ho      |Lantern Collective|Community manager     |Kuala Lumpur|network ai     |gives   |
Nikos Papadakis |Aegean Code       |Backend developer     |Thessaloniki|ai             |steady  |
Oksana Kravets  |Sunflower Labs    |QA lead               |Lviv        |               |quiet   |
Pablo Ortega    |Ruta Travel       |Marketing manager     |Buenos Aires|client seo     |overdue |30
Rania Aziz      |Nile Notes        |Journalist            |Cairo       |writing close  |receives|
Sven Eriksson   |Granit Systems    |Software architect    |Gothenburg  |network        |due     |
Thandi Mokoena  |Ubuntu Makers     |Maker space founder   |Johannesburg|network mentor |steady  |
Valentina Greco |Limone Design     |UI designer           |Naples      |design close   |steady  |
"""

# Dates placed relative to `today` so Upcoming always has something to show:
# name -> (days from today, label, years ago or None). Hana's name day lies beyond two weeks.
REMEMBERED = {
    "Ana Lima": (2, "Birthday", 40),
    "Priya Raman": (5, "Work anniversary", 7),
    "Kenji Watanabe": (9, "Birthday", None),
    "Hana Novak": (40, "Name day", None),
}

HOW_MET = (
    "SEO meetup",
    "a design conference",
    "a friend's introduction",
    "an online writing course",
    "a Slack community",
    "a client project",
    "a hackathon",
    "a podcast guest spot",
    "a co-working space",
    "LinkedIn, after a comment thread",
)
TOPICS = {"seo": "SEO", "design": "design", "writing": "writing", "ai": "AI"}
GENERIC_TOPICS = ("community building", "freelancing", "remote teams", "public speaking")

GAVE = (
    ("article", "Sent the {topic} checklist I keep"),
    ("article", "Shared a long read on {topic}"),
    ("article", "Passed on a talk recording about {topic}"),
    ("advice", "Talked through their {topic} plan"),
    ("advice", "Suggested a simpler {topic} workflow"),
    ("recommendation", "Endorsed their {topic} work on LinkedIn"),
    ("recommendation", "Recommended them to a client who needed {topic} help"),
    ("favor", "Proofread their {topic} proposal"),
    ("favor", "Reviewed their portfolio before a pitch"),
    ("feedback", "Sent notes on their {topic} essay draft"),
    ("feedback", "Beta-tested their new {topic} tool"),
    ("opportunity", "Forwarded a {topic} contract lead"),
    ("opportunity", "Passed on a speaking slot at the {topic} meetup"),
    ("gift", "Sent a book on {topic}"),
)
RECEIVED = (
    ("article", "They sent a sharp {topic} newsletter issue"),
    ("article", "Got a link to a {topic} case study"),
    ("advice", "Advice on pricing my {topic} retainer"),
    ("advice", "Helped me think through the {topic} launch"),
    ("recommendation", "Recommended me for a {topic} gig"),
    ("introduction", "Introduced me to someone hiring for {topic}"),
    ("feedback", "Read my {topic} talk slides and sent notes"),
    ("opportunity", "Invited me onto a {topic} panel"),
    ("opportunity", "Sent a {topic} client my way"),
    ("favor", "Covered my {topic} workshop when I was ill"),
    ("gift", "A signed copy of their {topic} zine"),
)
MUTUAL = (
    ("meeting", "Coffee: swapped notes on {topic}"),
    ("meeting", "Long call, both stuck on {topic}"),
    ("meeting", "Co-hosted the {topic} meetup"),
    ("feedback", "Traded reviews of our {topic} drafts"),
    ("advice", "Compared notes on {topic} rates"),
)
EXCHANGE_NOTES = (
    "Follow-up:\n\n- send the slides\n- check in after the launch",
    "They said **{topic}** is their main focus this quarter.",
    "Worth re-reading before the next call; the key part is the *second* half.",
)
NOTES = (
    "Prefers async messages over calls.\n\n- Best reached on {platform}\n- Into {topic}",
    "Met at {how_met}. Generous with time; **always** replies within a day.",
    "Working on a book about {topic}. Ask how the draft is going.",
)

PROMPTS = (
    "Who did I help this week without expecting anything back?",
    "Which connection could I deepen?",
    "Who helped me recently, and have I said thank you?",
    "Whom have I let slip, and does it matter to me?",
)
# title | prompt index or "" | body, with {a} and {b} for the people it is about
REFLECTIONS = (
    (
        "A quiet thank-you",
        2,
        "{a} has helped me more than I noticed.\n\n- the panel invite\n"
        "- the notes on my slides\n\nI should **say so**, not just log it.",
    ),
    (
        "Giving without a ledger",
        0,
        "Spent an hour on {a}'s proposal. It felt good, and I"
        " don't need anything back. Writing it down so I *notice*, not so I count.",
    ),
    (
        "Letting things slip",
        3,
        "I haven't written to {a} in months. Nothing went wrong;"
        " life got busy. A short note costs five minutes.",
    ),
    ("", 1, "{a} and {b} should meet: same problems, different cities."),
    (
        "Depth over reach",
        "",
        "Ten people I can call beat a thousand who might like a post.\n\n"
        "## This month\n\n1. One long call a week\n2. Fewer, better introductions",
    ),
    (
        "What I shared that mattered",
        0,
        "The SEO checklist went further than any post I wrote. {a} used it with two clients.",
    ),
    (
        "Mentors",
        2,
        "{a} keeps showing up for me. I want to find a way to be useful back,"
        " without making it a trade.",
    ),
    ("", 1, "Coffee with {a} turned into two hours. *More of that.*"),
    (
        "Too many tabs, too few people",
        "",
        "I read more than I write to anyone. Next week: three messages before any newsletter.",
    ),
    (
        "Is this still where I want to invest?",
        "",
        "Lots of effort toward {a} lately."
        " No resentment, just a question worth asking now and then.",
    ),
    ("New faces", 1, "{a} is new in town. An introduction to {b} could help both."),
    (
        "Year in review",
        "",
        "## What went well\n\n- kept in touch with most of my close"
        " circle\n- two introductions that became projects\n\n## What to change\n\n- reply faster",
    ),
)
