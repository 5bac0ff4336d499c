"""Closed word lists for names: countries and their adjectives, role and organisation words.

Small on purpose: the engine must stay deterministic and fast; open classes (people, most
organisations) are found from capitalisation and context instead.
"""

from __future__ import annotations

# "Country|adjective|other name" entries: every form maps to the first, canonical name.
_COUNTRY_FORMS = """Afghanistan|Afghan Albania|Albanian Algeria|Algerian Argentina|Argentine
Australia|Australian Austria|Austrian Bangladesh|Bangladeshi Belgium|Belgian Bolivia|Bolivian
Bosnia|Bosnian Brazil|Brazilian Bulgaria|Bulgarian Burma|Burmese|Myanmar Cambodia|Cambodian
Canada|Canadian Chile|Chilean China|Chinese Colombia|Colombian Croatia|Croatian Cuba|Cuban
Cyprus|Cypriot Czech_Republic|Czech Denmark|Danish Egypt|Egyptian Estonia|Estonian
Ethiopia|Ethiopian Finland|Finnish France|French Germany|German Ghana|Ghanaian Greece|Greek
Hungary|Hungarian Iceland|Icelandic India|Indian Indonesia|Indonesian Iran|Iranian Iraq|Iraqi
Ireland|Irish Israel|Israeli Italy|Italian Japan|Japanese Jordan|Jordanian Kenya|Kenyan
Kosovo|Kosovan Kuwait|Kuwaiti Laos|Laotian Latvia|Latvian Lebanon|Lebanese Libya|Libyan
Lithuania|Lithuanian Malaysia|Malaysian Mexico|Mexican Morocco|Moroccan Mozambique|Mozambican
Nepal|Nepalese Netherlands|Dutch|Holland New_Zealand North_Korea Norway|Norwegian
Pakistan|Pakistani Palestine|Palestinian Peru|Peruvian Philippines|Filipino Poland|Polish
Portugal|Portuguese Romania|Romanian Russia|Russian Rwanda|Rwandan Saudi_Arabia|Saudi
Serbia|Serbian Singapore|Singaporean Slovakia|Slovak Slovenia|Slovenian Somalia|Somali
South_Africa|South_African South_Korea Spain|Spanish Sri_Lanka|Sri_Lankan Sudan|Sudanese
Sweden|Swedish Switzerland|Swiss Syria|Syrian Taiwan|Taiwanese Tanzania|Tanzanian
Thailand|Thai Turkey|Turkish Uganda|Ugandan Ukraine|Ukrainian Venezuela|Venezuelan
Vietnam|Vietnamese Yemen|Yemeni Zambia|Zambian Zimbabwe|Zimbabwean Gibraltar|Gibraltarian
Scotland|Scottish Wales|Welsh England Northern_Ireland
UK|U.K.|Britain|British|United_Kingdom US|U.S.|USA|America|American|United_States"""

COUNTRIES: dict[str, str] = {}
for _entry in _COUNTRY_FORMS.split():
    _forms = [f.replace("_", " ") for f in _entry.split("|")]
    for _form in _forms:
        COUNTRIES[_form] = _forms[0]

# Heads of role phrases: "housing minister", "UK ambassador", "Home Secretary".
ROLE_NOUNS = frozenset(
    """minister secretary ambassador president chancellor premier leader chairman chairwoman chair
    spokesman spokeswoman spokesperson mp mps mep peer governor mayor senator envoy commissioner
    director chief head officer adviser advisor general undersecretary counterpart deputy
    king queen prince emperor judge lawyer professor candidate councillor member boss executive
    ceo founder campaigner activist economist analyst worker official representative negotiator
    whip speaker attorney-general solicitor-general vice-president premier""".split()
)
# Title words that belong to a person's name phrase rather than the role.
HONORIFICS = frozenset("Mr Mrs Ms Miss Dr Sir Lord Lady Baroness Dame Rev".split())
ORG_WORDS = frozenset(
    """Party Commission Committee Council Ministry Office Department Foundation Union Coalition
    Association Alliance Organisation Organization Force Bank Fund International Agency Court
    Parliament Commons Government Institute Authority Trust Society Federation Group Service
    Services League Network Campaign Board Executive Assembly Congress Senate Corporation Company
    Inc Ltd Plc Club University College Council Forum Watch Exchange Treasury Police Army Navy
    Front Movement Unit Centre Center Reform Programme Cabinet Lords""".split()
)
ORGANISATIONS = frozenset(
    """Labour Conservatives Tories Tory Lib Dems Liberal Democrats Greens Respect UKIP SNP
    Plaid Cymru Sinn Fein DUP UUP Hamas Fatah Nato NATO EU UN ASEAN G8 G7 IMF OPEC WTO Whitehall
    Downing Kremlin Pentagon Actionaid Oxfam BBC ITV Gavi Interpol Europol FATF""".split()
)
# Parties by their whole names ("Liberal Democrats" is a body, however often it "said").
PARTY_NAMES = (
    "Labour",
    "Conservatives",
    "Tories",
    "Liberal Democrats",
    "Lib Dems",
    "UKIP",
    "Respect",
    "SNP",
    "Plaid Cymru",
    "Greens",
    "Sinn Fein",
)

# The names of one party, fullest first: one entry in who's who, one key when stories are
# grouped ("Tories" in one article, "the Conservatives" in the next).
PARTY_FORMS = (
    ("Conservative Party", "Conservatives", "Tories", "Tory Party", "Tory", "Conservative"),
    ("Labour Party", "Labour"),
    ("Liberal Democrats", "Liberal Democrat Party", "Lib Dems", "Liberal Democrat", "Lib Dem"),
    ("Scottish National Party", "SNP"),
    ("UK Independence Party", "UKIP"),
    ("Green Party", "Greens"),
)
_PARTY_BY_FORM = {form: forms[0] for forms in PARTY_FORMS for form in forms}


def party_named(name: str) -> str:
    """The party a name is, by its fullest name ("Tories" -> "Conservative Party"), or ''."""
    return _PARTY_BY_FORM.get(name, "")
