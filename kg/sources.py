"""Source mentions: the noun phrase of who said it, its name and role, and its type.

Works on spaCy tokens. A source phrase keeps determiners, modifiers, compounds, possessives and
"of"/"for" attachments ("a spokesman for the ministry"), and drops appositives, relative clauses and
other clauses (except after an empty head: "those surveyed", "those who backed the plan"); an
appositive is recorded as the role ("Dana Whitfield, a Republican strategist").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.record import SourceType
from kg.truecase import common_words
from kg.wordclass import word_class

DATA = Path(__file__).parent / "data"

PERSONAL = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
NEUTER = frozenset({"it", "its"})
FIRST = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
PRONOUNS = frozenset(PERSONAL) | PLURAL | NEUTER | FIRST | RELATIVE | {"you", "one"}
# Clause-like dependents that are not part of the source phrase.
DROP_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "ccomp", "mark"})
KEEP_PREPS = frozenset({"of", "for", "at", "from", "with", "in", "on"})
# Heads that name nobody without their clause: "those [surveyed]", "those [who backed the plan]".
EMPTY_HEADS = frozenset({"those", "these"})
ORG_WORDS = frozenset(
    [
        "ministry",
        "department",
        "agency",
        "office",
        "government",
        "administration",
        "campaign",
        "committee",
        "commission",
        "council",
        "party",
        "company",
        "corporation",
        "firm",
        "bank",
        "group",
        "organization",
        "organisation",
        "association",
        "union",
        "institute",
        "center",
        "centre",
        "foundation",
        "board",
        "police",
        "army",
        "military",
        "navy",
        "force",
        "forces",
        "court",
        "parliament",
        "congress",
        "senate",
        "house",
        "kremlin",
        "pentagon",
        "university",
        "hospital",
        "school",
        "newspaper",
        "paper",
        "network",
        "magazine",
        "channel",
        "service",
        "services",
        "bureau",
        "authority",
        "authorities",
        "team",
        "club",
        "coalition",
        "alliance",
        "fund",
        "airline",
        "automaker",
        "carmaker",
        "charity",
        "insurer",
        "lender",
        "outlet",
        "regulator",
        "retailer",
        "watchdog",
    ]
)
GROUP_ENTS = frozenset({"NORP"})
ANIMATE = frozenset({"noun.person", "noun.group"})  # WordNet classes of nouns for people
ORG_ENTS = frozenset({"ORG"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


@cache
def _word_list(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, value = line.partition("=")
            out[word] = value
    return out


def role_words() -> dict[str, str]:
    """Role/title word -> gender ("" when the title does not say)."""
    return _word_list("roles.txt")


@cache
def extraposing_adjectives() -> frozenset[str]:
    """Adjectives whose "it" stands in for an extraposed clause ("It is hard to say ...")."""
    return frozenset(_word_list("extraposing.txt"))


def given_names() -> dict[str, str]:
    """Given name -> gender."""
    return _word_list("names.txt")


def is_pronoun(text: str) -> bool:
    return text.lower() in PRONOUNS


@dataclass(frozen=True, slots=True)
class Mention:
    """A source mention as token indices ``[start, end)`` with its name part and role."""

    start: int
    end: int
    head: int
    name_start: int
    role: str | None

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text

    def name(self, doc: Doc) -> str:
        """The name part, without a possessive ending ("Merkel's criticism": Merkel)."""
        end = self.end
        if end - 1 > self.name_start and doc[end - 1].dep_ == "case":
            end -= 1
        return doc[self.name_start : end].text


def _kept(token: Token, cue: int | None = None) -> list[int]:
    """Indices of the source phrase around ``token`` (contiguous, clause-like dependents dropped, but
    the clause of an empty head that does not hold the ``cue`` token kept)."""
    keep = [token.i]
    # coordinated names or nouns speak together ("Mary Hale and Tom Reyes", "Smith, Jones and Patel"),
    # with the commas and the "and" between them
    conjuncts = [
        c
        for c in token.children
        if c.dep_ == "conj"
        and c.pos_ in ("NOUN", "PROPN")
        and c.i > token.i
        and not (cue is not None and c.left_edge.i <= cue <= c.right_edge.i)
    ]
    last = max((c.right_edge.i for c in conjuncts), default=token.i)
    for child in token.children:
        if child.dep_ == "punct" and _joins_word(child):
            keep.append(child.i)  # the hyphen of "Holtz-Eakin"
            continue
        between = child.dep_ in ("cc", "punct") and token.i < child.i < last
        if (
            child.dep_ in DROP_DEPS
            and not (between or child in conjuncts)
            and not (
                child.dep_ in ("acl", "relcl")
                and child.i > token.i
                and token.lower_ in EMPTY_HEADS
                and not (cue is not None and child.left_edge.i <= cue <= child.right_edge.i)
            )
        ):
            continue
        if child.dep_ == "prep" and not (
            child.lower_ in KEEP_PREPS or (child.lower_ == "to" and token.lower_ in role_words())
        ):
            continue  # (but "an aide *to the governor*")
        if child.dep_ == "prep" and child.i < token.i:
            continue
        # a clause or an apposition inside the dependent goes with all it holds ("a spokeswoman for
        # the Pentagon[, Lt. Col. Anne Gresham,]")
        inner = {
            x.i for t in child.subtree if t.dep_ in ("relcl", "appos") and t is not child for x in t.subtree
        }
        keep.extend(t.i for t in child.subtree if not (t.i in inner or t.is_space))
    keep.sort()
    # Keep the contiguous run containing the head.
    pos = keep.index(token.i)
    lo = hi = pos
    while lo > 0 and keep[lo - 1] == keep[lo] - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1] == keep[hi] + 1:
        hi += 1
    return keep[lo : hi + 1]


def _joins_word(t: Token) -> bool:
    """A hyphen or apostrophe written without spaces inside a name ("Holtz-Eakin")."""
    return t.i > 0 and not t.whitespace_ and not t.doc[t.i - 1].whitespace_ and t.text in ("-", "‐", "'", "’")


def mention_of(token: Token, floor: int = 0, cue: int | None = None) -> Mention:
    """The source phrase headed by ``token``, starting at token ``floor`` at the earliest (a speaker
    after its verb never takes the verb in: '"...," tweeted spokesman Tom Hale') and never holding the
    ``cue`` token ("among those who *said* ...": the source is "those")."""
    name = _appositive_name(token)
    if name is None:
        return _phrase(token, floor, cue)
    # "its chief executive, Moira Tennant, said": the name speaks, in the role its head noun names
    m, phrase = _phrase(name, floor, cue), _phrase(token, floor, cue)
    role = ", ".join(filter(None, [phrase.text(token.doc), m.role]))  # "a spokeswoman ..., Lt. Col."
    return Mention(m.start, m.end, m.head, m.name_start, role)


HONORIFICS = frozenset({"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "mx.", "mx"})


def _phrase(token: Token, floor: int, cue: int | None) -> Mention:
    doc = token.doc
    idx = _kept(token, cue)
    start, end = max(idx[0], min(floor, token.i)), idx[-1] + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= token.i:
        end = token.i + 1
    m = span_mention(doc, start, end, token.i)
    name_start, role = m.name_start, m.role
    # so is an appositive, unless it is a date the parse hung there ("the mayor, Monday, said")
    appos = [c for c in token.children if c.dep_ == "appos" and c.ent_type_ not in ("DATE", "TIME")]
    if appos:
        role = ", ".join(filter(None, [role, _appositive_role(appos[0])]))
    return Mention(start, end, token.i, name_start, role)


# Nouns for what a statement is issued in, and for studies and polls: its issuer speaks ("a statement
# from the Red Crescent", "a 2023 study by the Norvik Marine Institute")
MEDIA = frozenset(
    {"statement", "letter", "release", "post", "tweet", "email", "e-mail", "memo", "note", "report", "filing"}
    | {"study", "survey", "poll", "analysis", "audit", "review"}
)
ISSUER_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def issuer(doc: Doc, m: Mention) -> Mention | None:
    """Who issued the medium a source phrase names, when the phrase names them: "a statement *from the
    Red Crescent*", "a 2024 report *by the Government Accountability Office*", "*Merkel's* statement",
    "*its* statement"."""
    head = doc[m.head]
    if head.pos_ != "NOUN" or head.is_title or head.lemma_.lower() not in MEDIA:
        return None  # (not a column's title: "Editor's Note", "Monday's Morning Email")
    for c in head.children:
        if (
            c.dep_ == "poss"
            and c.ent_type_ not in ("DATE", "TIME")
            and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ISSUER_LABELS)
        ):
            return mention_of(c)
        if c.dep_ != "prep" or c.lower_ not in ("from", "by") or c.i < head.i:
            continue
        pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
        if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in ISSUER_LABELS):
            return mention_of(pobj)
    return None


def span_mention(doc: Doc, start: int, end: int, head: int) -> Mention:
    """The mention of tokens ``[start, end)`` headed by ``head``, its name after the titles before it,
    which are its role ("Minister Ana Costa")."""
    name_start = _name_start(doc, start, end, head)
    role_end = name_start
    while role_end > start and doc[role_end - 1].lower_ in HONORIFICS:
        role_end -= 1  # "Ms. Lopez": a courtesy title is part of how the name is written, not a role
    prefix = doc[start:role_end]
    # a title before the name is its role ("military spokesman"), a bare article is not ("The Treasury")
    role = prefix.text if any(t.pos_ not in ("DET", "PUNCT") for t in prefix) else None
    return Mention(start, end, head, name_start, role)


def _appositive_role(a: Token) -> str:
    """An appositive as a role, without a relative clause ("a spokesman for the dock union[, which has
    4,000 members]", "a strategist [who advised two governors]") or a clause set off by a comma; a
    participle's or an infinitive's is part of the role ("a lawyer representing the family", "the
    only senator to endorse her")."""
    doc = a.doc

    def dropped(t: Token) -> bool:
        first = doc[t.left_edge.i]
        if doc[t.left_edge.i - 1].text == ",":
            return t.dep_ in ("relcl", "acl")
        return t.dep_ == "relcl" and (first.tag_ in ("WDT", "WP", "WP$", "WRB") or first.lower_ == "that")

    clause = next((t for t in a.subtree if t.i > a.i and t.left_edge.i > a.i and dropped(t)), None)
    end = clause.left_edge.i if clause is not None else a.right_edge.i + 1
    return unbracketed(doc[a.left_edge.i : end].text.strip(" ,;-—"))


def unbracketed(role: str) -> str:
    """A role without the brackets around it, also one the parse left open: "(D-OH)" and "(D-OH" are
    "D-OH"; a bracket it left open inside is closed ("Sens. A (D-WV) and B (D-ND" ends "(D-ND)")."""
    if role.startswith("(") and role.find(")") in (-1, len(role) - 1):
        role = role[1:].removesuffix(")")
    elif role.endswith(")") and "(" not in role:
        role = role[:-1]
    elif role.count("(") > role.count(")"):
        role += ")"
    return role.strip()


NOT_NAMES = frozenset(
    {"DATE", "TIME", "GPE", "LOC", "FAC", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}
)


def _appositive_name(token: Token) -> Token | None:
    """The proper name set off by a comma in apposition after a common-noun head: "its chief executive,
    *Moira Tennant*," ("the regulator, Ofcom,"), or right after a role word ("her lawyer *Tobias Renn*");
    not a date or place the parse hung there, nor a party in brackets ("Howard Dean (D)")."""
    if token.pos_ != "NOUN":
        return None
    a = next((c for c in token.children if c.dep_ == "appos" and c.i > token.i), None)
    if a is None:
        a = _misplaced_appositive(token)
    if a is None or a.pos_ != "PROPN" or a.ent_type_ in NOT_NAMES:
        return None
    close = token.lower_ in role_words()  # "her lawyer Tobias Renn"
    if a.doc[a.left_edge.i - 1].text != "," and not close:
        return None
    # the name, with any "of"/"from" phrase saying where its bearer is from ("Ezra Lund of Grace Chapel")
    attached = {t.i for c in a.children if c.dep_ == "prep" and c.i > a.i for t in c.subtree}
    words = [t for t in a.subtree if not (t.is_punct or t.is_space or t.i in attached)]
    return a if all(t.pos_ == "PROPN" for t in words) else None


def _misplaced_appositive(token: Token) -> Token | None:
    """A person's name the parse hung on the institution in a role noun's phrase, though it names the
    role's holder: "a spokeswoman for the Pentagon, *Lt. Col. Anne Gresham*," (an institution is no
    person; "an aide to the governor, Kathy Hale," stays the governor's)."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i or token.lower_ not in role_words():
            continue
        for pobj in prep.children:
            institution = pobj.ent_type_ in ("ORG", "GPE", "NORP") or pobj.lower_ in ORG_WORDS
            if pobj.dep_ != "pobj" or not institution:
                continue
            a = next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i), None)
            if a is not None and a.ent_type_ == "PERSON":
                return a
    return None


def _name_start(doc: Doc, start: int, end: int, head: int) -> int:
    """Where the name begins inside a source phrase: after the last role word before a proper name,
    unless that word begins the name of an institution: one entity with the head, not a person's,
    ending in a common noun ("The *White* House", "the *Supreme* Court", "the *State* Department";
    but "Mariupol *Mayor* Vadym Boichenko" even where the small model takes the whole for a title)."""
    if doc[head].pos_ != "PROPN":
        return start
    institution = doc[head].lower_ in common_words()
    i = head
    while i - 1 >= start:
        if doc[i - 1].pos_ == "PROPN" and (
            not is_title(doc, i - 1) or (_one_entity(doc, i - 1, head) and institution)
        ):
            i -= 1
        elif _named_owner(doc, i - 1, start, head):
            i -= 2
        else:
            break
    return i


def _named_owner(doc: Doc, case: int, start: int, head: int) -> bool:
    """Whether token ``case`` is the "'s" of a proper name that begins an organisation's name: "the
    [Maine Lobstermen's] Alliance", "[St. Mary's] Hospital"."""
    owner = case - 1
    return (
        owner >= start
        and doc[case].dep_ == "case"
        and doc[owner].pos_ == "PROPN"
        and doc[head].lower_ in ORG_WORDS
    )


def is_title(doc: Doc, i: int) -> bool:
    """Token ``i`` is a role or title word, also one the tokenizer split from its full stop, or that
    full stop ("Lt" "." "Col" "." in "Lt. Col. Anne Gresham")."""
    roles, t = role_words(), doc[i]
    if t.text == ".":
        return i > 0 and doc[i - 1].lower_ + "." in roles
    split = i + 1 < len(doc) and doc[i + 1].text == "." and t.lower_ + "." in roles
    return t.lower_ in roles or split  # (a bare "Gen" is a given name: Gen Nakatani)


def _one_entity(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens ``a`` to ``b`` lie in one named entity that is not a person."""
    return doc[a].ent_type_ not in ("", "PERSON") and all(doc[k].ent_iob_ == "I" for k in range(a + 1, b + 1))


def gender_of(doc: Doc, m: Mention) -> str | None:
    """ "male"/"female" from a gendered title or a known given name in the mention, else ``None``."""
    roles, names = role_words(), given_names()
    for t in doc[m.start : m.end]:
        g = roles.get(t.lower_) or names.get(t.lower_)
        if g:
            return g
    return None


def named_together(doc: Doc, m: Mention) -> bool:
    """Whether mention ``m`` names several who speak together ("Mary Hale and Tom Reyes")."""
    return any(c.dep_ == "conj" and m.start <= c.i < m.end for c in doc[m.head].children)


def entity_kinds(doc: Doc) -> dict[str, str]:
    """Each name the NER labels somewhere in ``doc`` (lower case, without "the") -> the label it
    carries most often there. A name keeps one kind through an article, though the small model labels
    some of its mentions and not others ("Calder Health" an ORG after "managers at", nothing as the
    subject of "denied")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for e in doc.ents:
        counts[_bare(e.text)][e.label_] += 1
    return {name: c.most_common(1)[0][0] for name, c in counts.items()}


def _telling(name: str) -> bool:
    """Whether a name is telling enough to take its kind from elsewhere: more than one word, or an
    acronym. A lone surname is not: the small model calls "Tuttle" an ORG in one sentence of many."""
    return " " in name.strip() or (len(name) > 1 and name.isupper())


def _bare(name: str) -> str:
    low = name.lower()
    return low[4:] if low.startswith("the ") else low


def source_type(doc: Doc, m: Mention, kinds: Mapping[str, str] | None = None) -> SourceType:
    """person | organization | place | group | unnamed, from NER plus role words.

    The small model's NER is not trusted alone ("Mariupol Mayor Vadym Boichenko" comes out as
    WORK_OF_ART): role words, given names and titles decide first. A name the NER left unlabelled
    takes the label it has elsewhere in the article (``kinds``, from :func:`entity_kinds`).
    """
    tokens = doc[m.start : m.end]
    head = doc[m.head]
    low = head.lower_
    together = named_together(doc, m)
    if (low in PERSONAL or low in FIRST or low in ("who", "whom")) and not together:
        return "person"
    if low in PLURAL or together:
        return "group"  # (also people named together: "Mary Hale and Tom Reyes", "she and her aides")
    if low in NEUTER or low in ("which", "that"):
        return "organization"
    roles, names = role_words(), given_names()
    has_propn = any(t.pos_ == "PROPN" for t in tokens)
    given = doc[m.name_start].lower_ in names
    titled = any(t.lower_ in roles for t in doc[m.start : m.name_start])
    # an organisation word heads an organisation's name, not a person's, after a common noun or in a
    # name of three words or more: "the ministry", "Maria Delgado's campaign", "Clark County Office"
    body = low in ORG_WORDS and (head.pos_ == "NOUN" or m.head - m.name_start >= 2)
    if has_propn and not body and (given or (titled and head.ent_type_ not in ORG_ENTS | PLACE_ENTS)):
        return "person"
    ent = head.ent_type_
    if not ent and kinds and head.pos_ == "PROPN" and _telling(name := m.name(doc)):
        ent = kinds.get(_bare(name), "")
    if ent == "PERSON":
        return "person"
    if ent in ORG_ENTS or (low in ORG_WORDS and head.pos_ == "PROPN"):
        return "organization"
    if ent == "GPE":
        return "organization"  # a country or city that speaks is its government ("Moscow denies")
    if ent in PLACE_ENTS:
        return "place"
    if ent in GROUP_ENTS or (head.pos_ == "PROPN" and head.tag_ == "NNPS"):
        return "group"
    if head.pos_ == "PROPN":
        return "organization" if low in ORG_WORDS else "person"
    owned = any(  # "the campaign", "Delgado's campaign", "his office", "the Delgado Campaign"
        t.lower_ == "the" or (t.head.i == head.i and _owner(t)) for t in tokens
    )
    if low in ORG_WORDS and owned and not _indefinite(tokens[0]):
        return "organization"
    return "unnamed"


def _owner(t: Token) -> bool:
    """Whether ``t`` names who an organisation word belongs to: a name or pronoun before it ("Delgado's
    campaign", "his office", "Ashby police"), or a possessive person or group ("the workers'
    union"); not a day or year ("this year's campaign") or a kind ("a health committee")."""
    if t.dep_ == "compound":
        return t.pos_ == "PROPN"
    if t.dep_ != "poss":
        return False
    if t.pos_ != "NOUN" or t.text[:1].isupper():  # the tagger reads some names as nouns ("Price")
        return True
    return bool(names_people(t))


def names_people(noun: Token) -> bool | None:
    """Whether a noun has a sense for people, a person or a group, in WordNet ("voters", "the army";
    not "the figures"); ``None`` when WordNet does not know it."""
    wc = word_class(noun.lemma_.lower(), "n")
    return None if wc is None else bool(ANIMATE.intersection(wc.lexnames))


def _indefinite(first: Token) -> bool:
    return first.lower_ in ("a", "an", "some", "several", "many", "one", "two", "three", "other")
