"""Invented words the benchmark generator builds people, companies and exchanges from.

Every name here is made up; none begins with "Aa", so the generator's "Aaron Aalto" sorts first.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    """
Abel Ada Adaeze Adriana Ahmed Aiko Alba Alejandro Alice Amara Amir Ana Andrei Anika Ansel Arjun
Asha Astrid Ayla Bea Bilal Bjorn Bruno Camila Carlos Chen Chiara Chloe Cyrus Dana Daniel Dario
Deepa Diego Dmitri Elena Elif Emeka Emil Emma Esther Eun Farah Felix Fiona Freya Gabriel Gemma
Hana Hassan Helga Hiro Ibrahim Ida Ilse Imani Ines Ingrid Isaac Ivan Jade Jamal Javier Jin Joana
Jonas Julia Kai Kalani Karim Katya Kenji Kofi Lars Leila Lena Leo Liam Lin Lucia Luis Maja Malik
Manon Marco Maria Mateus Maya Mei Milan Mira Nadia Naveen Nia Nikos Nils Noor Olga Omar Oskar
Paolo Pedro Priya Rafael Rania Ravi Rosa Ruth Sami Sara Sergei Shira Sofia Sven Tariq Thandi
Theo Tomas Uma Valentina Viktor Wen Yara Yusuf Zara Zeynep Zoe
"""
)

LAST_NAMES = _words(
    """
Abara Adeyemi Alves Andersen Arslan Bauer Becker Bianchi Brandt Carvalho Castro Chowdhury Costa
Cruz Dahl Delgado Demir Dubois Eriksson Esposito Farouk Fernandes Fischer Fontaine Garcia Greco
Haddad Hansen Horvat Huang Ibarra Ivanova Jensen Jimenez Kaur Keller Khan Kim Kowalski Kraus
Kumar Larsen Laurent Lima Lindqvist Lopez Marchand Martins Mendes Meyer Moreau Morales Mori
Nakamura Nasser Nguyen Novak Nowak Okafor Okonkwo Oliveira Ortega Papadakis Park Patel Pereira
Petrov Pires Quispe Ramos Reyes Ribeiro Rocha Romano Rossi Saito Santos Schmidt Silva Singh
Sokolov Solberg Souza Suzuki Tanaka Torres Varga Vasquez Vogel Wagner Walsh Watanabe Weber
Wojcik Yamamoto Yilmaz Zhang Zhou Ziegler
"""
)

COMPANY_WORDS = _words(
    "Lumen Pedra Harbor Cedar Fjord Kumo Brisa Verde Polar Baobab Tessellate Atelier Northwind "
    "Silk Olive Kervan Tidewater Andes Cactus Indus Ondas Lipa Polder Reef Saffron Lantern Aegean "
    "Sunflower Nile Granit Ubuntu Limone Morning Copper Quartz Juniper Maple Basalt Coral"
)
COMPANY_KINDS = _words(
    "Studio Digital Analytics Labs Media Works Agency Co-op Type Ventures AI Press Consulting "
    "Design Growth Cloud Learning Radio Books Web UX Collective Code Systems Makers"
)
ROLES = (
    "Founder",
    "Engineer",
    "Designer",
    "Product manager",
    "Editor",
    "Data scientist",
    "Recruiter",
    "Consultant",
    "Marketing lead",
    "Researcher",
    "CTO",
    "Writer",
    "Community manager",
    "Sales director",
    "Investor",
    "Teacher",
    "Developer advocate",
    "Photographer",
    "Podcast host",
    "Student",
)
CITIES = _words(
    "Lisbon Porto Singapore Lagos Beirut Bergen Osaka Valencia Curitiba Sofia Nairobi Bengaluru "
    "Lyon Seville Krakow Toronto Malmo Shanghai Amman Istanbul Kyoto Oslo Medellin Izmir Karachi "
    "Recife Ljubljana Utrecht Leipzig Honolulu Vancouver Cairo Gothenburg Johannesburg Naples Lima"
)
HOW_MET = (
    "a meetup",
    "a conference",
    "a friend's introduction",
    "an online course",
    "a Slack community",
    "a client project",
    "a hackathon",
    "LinkedIn",
    "university",
    "a previous job",
    "",
    "",
)

CADENCE_TAGS = {"close": 30, "mentor": 60, "client": 45, "network": 90}
OTHER_TAGS = _words(
    "seo design writing ai python rust marketing sales founders investors podcast conference "
    "alumni family friends neighbors recruiting open-source climate health finance music books "
    "photography running travel product data security devrel teaching"
)

TOPICS = (
    "SEO",
    "pricing",
    "hiring",
    "the launch",
    "fundraising",
    "the conference talk",
    "their portfolio",
    "remote work",
    "the newsletter",
    "a job lead",
    "the API design",
    "the book draft",
    "a grant application",
    "the podcast episode",
    "user research",
    "the migration plan",
    "a speaking slot",
    "the onboarding flow",
    "the pitch deck",
    "a client referral",
)
GAVE_VERBS = (
    "Sent notes on",
    "Shared a long read on",
    "Reviewed",
    "Introduced them to someone about",
    "Recommended a tool for",
    "Proofread",
    "Talked through",
    "Forwarded a lead on",
)
RECEIVED_VERBS = (
    "They sent feedback on",
    "Got advice on",
    "They introduced me to someone about",
    "They reviewed",
    "They recommended me for",
    "Got a link about",
)
MUTUAL_VERBS = ("Coffee about", "Long call on", "Swapped notes on", "Co-hosted a session on")
PLATFORMS = ("x", "github", "mastodon", "bluesky", "blog")
REFLECTION_TITLES = (
    "A quiet thank-you",
    "Who I let slip",
    "Giving without keeping score",
    "Notes after the meetup",
    "What I learned this month",
    "",
    "",
)
PROMPTS = (
    "Who did I help this week without expecting anything back?",
    "Which connection could I deepen?",
    "Who helped me recently, and have I said thank you?",
)
