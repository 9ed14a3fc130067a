"""Rule-based source resolution: pronouns and short names to the fullest mention in the article.

No coreference model installs here, so this is deliberately simple and explainable:
- "he"/"she": the most salient earlier person of compatible gender (the previous attribution's
  source first, when it is recent and the story has not moved to another person, the subject of a
  main clause, since; then the nearest earlier person name outside quotations);
- "they"/"it": the nearest earlier group / organisation source;
- short names ("Putin", "Mr. Burman"): the longest name in the article ending with the same surname,
  without the titles before it;
- definite descriptions ("the company", "the agency"): the organisation that spoke or was a subject
  just before, by name.
Gender comes from gendered titles and a list of common given names (``kg/data/names.txt``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, POS
from spacy.tokens import Doc, Token

from kg.sources import (
    FIRST,
    NEUTER,
    ORG_WORDS,
    PERSONAL,
    PLURAL,
    Mention,
    gender_of,
    given_names,
    is_title,
    mention_of,
    named_together,
    role_words,
)
from kg.wordclass import word_class

PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj"})  # where a mistagged surname counts
KNOWN_KINDS = frozenset({"person", "organization", "group"})  # kinds a fuller mention passes on
SALIENCE_WINDOW = 400  # characters: a previous speaker this close wins over a nearer bare name
# Nouns that describe an organisation named just before ("the company"); not those that name one of
# their own ("the government", "the police", "the court")
DESCRIPTIONS = frozenset(
    {
        *("company", "firm", "carmaker", "automaker", "retailer", "airline", "insurer", "lender", "bank"),
        *("group", "organization", "organisation", "foundation", "institute", "association", "union"),
        *("charity", "coalition", "alliance", "agency", "regulator", "watchdog", "newspaper", "paper"),
        *("magazine", "network", "channel", "outlet", "committee", "commission"),
    }
)


GENERIC_DESCRIPTIONS = frozenset({"group", "organization", "organisation", "agency"})  # fit any


def _fits(name: str, noun: str) -> bool:
    """Whether an organisation's name can be described by ``noun``: a specific description ("the
    union") not when the name ends in another organisation word ("Port Authority"); a generic one
    ("the group", "the agency") always. (Every description is an organisation word: tested.)"""
    words = name.casefold().replace("’s", "").replace("'s", "").split()
    if noun in GENERIC_DESCRIPTIONS or noun in words or not words:
        return True
    return words[-1] not in ORG_WORDS


@dataclass(frozen=True, slots=True)
class Named:
    """A named mention: its character position, name, role and gender."""

    pos: int
    name: str
    role: str | None
    gender: str | None
    kind: str  # person | organization | group | place | unnamed
    subject: bool = False  # the mention is a clause's subject (more salient than an object)
    main: bool = False  # ... of its sentence's main clause, not of a clause it reports ("X said [Y] ...")


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str
    role: str | None
    kind: str | None


def _words(name: str) -> list[str]:
    """A name's words without a possessive, titles and roles, case-folded: "Mrs. Clinton's" -> ["clinton"]."""
    words = name.replace("’s", "").replace("'s", "").split()
    return [w.lower().strip(".,") for w in words if w.lower() not in role_words()]


def _name_words(name: str) -> list[str]:
    """:func:`_words` without a leading "the": "the foundation" -> ["foundation"]."""
    words = _words(name)
    return words[1:] if words and words[0] == "the" else words


def _surname_key(name: str) -> str:
    words = _words(name)
    return words[-1] if words else ""


def person_names(doc: Doc, inside_quote: Sequence[bool]) -> list[Named]:
    """PERSON entities outside quotations, plus proper-noun subjects NER missed ("Trump responded ...")
    and surnames NER tags ORG where it tags the same surname a person elsewhere in the article (it is
    not consistent within one: "Donald Trump ... she drew Trump[ORG]'s ire")."""
    names, out = given_names(), []
    seen: set[int] = set()
    ents = doc.ents  # each doc.ents walks the whole Doc
    surnames = {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON"}
    org_of = {i: ent for ent in ents if ent.label_ == "ORG" for i in range(ent.start, ent.end)}
    for t in _tokens_with(doc, POS, ("PROPN",)):
        if inside_quote[t.i] or t.lower_ in role_words():
            continue
        subject = t.dep_ in ("nsubj", "nsubjpass")
        mistagged = t.ent_type_ == "ORG" and t.lower_ in surnames and t.dep_ in PERSON_ROLES
        if not mistagged and (not subject or t.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC")):
            continue
        start = t.i
        if mistagged:  # the entity's span when it looks like a name, else the surname alone (a headline)
            ent = org_of.get(t.i)
            if ent is not None and len(ent) <= 3 and all(x.pos_ == "PROPN" for x in ent[: t.i - ent.start]):
                start = ent.start
                while start < t.i and (
                    doc[start].lower_.rstrip(".") in role_words() or doc[start].text.isupper()
                ):
                    start += 1  # "Actress", "GOP Rep"
        while (
            not mistagged
            and start > 0
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].pos_ == "PROPN"
            and not is_title(doc, start - 1)
        ):
            start -= 1
        span = doc[start : t.i + 1]
        first = span.text.split()[0].lower()
        main = subject and t.head.dep_ == "ROOT"
        out.append(Named(span.start_char, span.text, None, names.get(first), "person", subject, main))
        seen.add(span.start_char)
    for ent in ents:
        if ent.label_ == "PERSON" and not inside_quote[ent.start] and ent.start_char not in seen:
            start = ent.start
            while start < ent.end - 1 and is_title(doc, start):
                start += 1  # "Col. Nazar Voloshyn" is Nazar Voloshyn, titled
            text = doc[start : ent.end].text.strip().removesuffix("’s").removesuffix("'s")
            if len(text) > 1:
                first = text.split()[0].lower()
                subject = ent.root.dep_ in ("nsubj", "nsubjpass")
                main = subject and ent.root.head.dep_ == "ROOT"
                out.append(Named(ent.start_char, text, None, names.get(first), "person", subject, main))
    return out


class Resolver:
    """Resolves source mentions in one document, in text order (call :meth:`resolve` in order)."""

    def __init__(
        self,
        doc: Doc,
        people: list[Named],
        all_names: list[Named],
        groups: list[Named] | None = None,
        inside_quote: Sequence[bool] | None = None,
    ) -> None:
        self.doc = doc
        self.groups = groups or []
        self.people = sorted(people, key=lambda n: n.pos)
        # Every named mention in the article (before or after), for short-name expansion.
        self.by_surname: dict[str, Named] = {}
        for n in [*people, *all_names]:
            key = _surname_key(n.name)
            best = self.by_surname.get(key)
            if key and (best is None or len(n.name.split()) > len(best.name.split())):
                self.by_surname[key] = n
        self.history: list[Named] = []  # resolved sources so far
        self.inside_quote = inside_quote if inside_quote is not None else [False] * len(doc)
        self._organisations: list[Named] | None = None  # ORG entities (made on first use)
        self.sentence_starts = [s.start_char for s in doc.sents]

    def expand(self, name: str) -> Named | None:
        """The fullest name sharing the surname of ``name`` (``None`` when there is none longer)."""
        if not name or len(name.split()) > 3:
            return None
        n = self.by_surname.get(_surname_key(name))
        words = _name_words(name)
        # only a fuller form of the same name: "Clinton" -> "Hillary Clinton", never "Bill Clinton" -> it
        if n and len(n.name) > len(name) and _name_words(n.name)[-len(words) :] == words:
            return n
        return None

    def name_of(self, token: Token) -> str:
        """The fullest name of the mention headed by ``token`` (unlike :meth:`resolve`, not remembered)."""
        name = mention_of(token).name(self.doc)
        full = self.expand(name)
        return full.name if full else name

    def _compatible(self, n: Named, gender: str | None) -> bool:
        if n.kind != "person":
            return False
        known = n.gender
        if known is None:  # a bare surname has the gender of the article's fuller name ("Sanders")
            full = self.expand(n.name)
            known = full.gender if full else None
        return gender is None or known is None or known == gender

    def resolve(self, m: Mention, pos: int, kind: str | None) -> Resolution:
        """Resolve the mention ``m`` at character ``pos`` and remember it as the latest source."""
        doc = self.doc
        word = doc[m.head].lower_
        if m.end - m.start == 1 and word in PERSONAL:
            res = self._person_pronoun(PERSONAL[word], pos)
        elif m.end - m.start == 1 and (word in PLURAL or word in NEUTER) and word not in FIRST:
            res = self._group_pronoun(word, pos)
        elif m.end - m.start == 1 and word in FIRST:
            res = None
        else:
            name = m.name(doc)
            full = self.expand(name)
            if full is not None and not _short_form(doc, m, full.name):
                full = None
            described = self._described(m, pos) if full is None else None
            if described is not None:
                full = described
            if full is not None:
                # the fuller mention's kind: "Delgado" (tagged ORG here) is "Maria Delgado", a person
                known = full.kind if full.kind in KNOWN_KINDS else kind
                res = Resolution(full.name, m.role or full.role, known)
            else:
                res = Resolution(name, m.role, kind)
            gender = (
                gender_of(doc, m)
                or (full.gender if full else None)
                or ("neuter" if _writing(doc, m) else None)
            )
            self.history.append(Named(pos, res.name, res.role, gender, res.kind or "unnamed", subject=True))
        if res is None:
            return Resolution(m.text(doc), None, kind)
        return res

    def _described(self, m: Mention, pos: int) -> Named | None:
        """The organisation a definite description stands for: the nearest organisation named or
        speaking just before ("Tesla did not respond. The company has said ...", "hours with
        EgyptAir, the airline said")."""
        doc = self.doc
        if m.end - m.start != 2 or doc[m.start].lower_ != "the" or doc[m.head].lower_ not in DESCRIPTIONS:
            return None
        if self._organisations is None:
            self._organisations = [
                Named(e.start_char, e.text, None, None, "organization")
                for e in doc.ents
                if e.label_ == "ORG" and not self.inside_quote[e.start]
            ]
        sentence = self.sentence_starts[max(bisect_right(self.sentence_starts, pos) - 1, 0)]
        noun = doc[m.head].lower_
        # organisations that spoke or were a subject, by name ("the drug company" describes too), of a
        # kind the description fits ("the union" is no "Port Authority")
        salient = [  # (a speaker's name before the subject phrase at the same place: "Harlow Foundation")
            n
            for n in [*self.history, *self.groups]
            if n.pos < pos
            and pos - n.pos < SALIENCE_WINDOW
            and n.kind == "organization"
            and _named(n.name)
            and _fits(n.name, noun)
        ]
        # the nearest in this sentence, else any organisation named in it ("hours with EgyptAir, the
        # airline said"), else the nearest before
        for pool in (
            [n for n in salient if n.pos >= sentence],
            [n for n in self._organisations if sentence <= n.pos < pos and _fits(n.name, noun)],
            salient,
        ):
            if pool:
                return max(pool, key=lambda n: n.pos)
        return None

    def _person_pronoun(self, gender: str, pos: int) -> Resolution | None:
        # this sentence and the previous one
        window = self.sentence_starts[max(bisect_right(self.sentence_starts, pos) - 2, 0)]
        recent = next((n for n in reversed(self.history) if n.pos < pos), None)
        if recent and pos - recent.pos < SALIENCE_WINDOW and self._compatible(recent, gender):
            # the previous speaker, unless the story has moved to another person since, the subject
            # of a main clause ("Zelenskyy renewed his appeal. '...,' he wrote"); not a subject inside
            # what the speaker said ("Hale said Smith lied. He added ...")
            key = _surname_key(recent.name)
            moved = [
                n
                for n in self.people
                if n.main
                and max(recent.pos, window) < n.pos < pos
                and _surname_key(n.name) != key
                and self._compatible(n, gender)
            ]
            if not moved:
                return Resolution(recent.name, recent.role, "person")
            n = max(moved, key=lambda n: n.pos)
            full = self.expand(n.name)
            return Resolution(full.name if full else n.name, n.role, "person")
        candidates = [n for n in [*self.people, *self.history] if n.pos < pos and self._compatible(n, gender)]
        if not candidates:
            return None
        candidates.sort(key=lambda n: n.pos)
        # the nearest person, unless a subject of this or the previous sentence comes before it:
        # "Sanders pressed Snyder. 'No excuses,' he said" is Sanders
        n = next((n for n in reversed(candidates) if n.subject and n.pos >= window), candidates[-1])
        full = self.expand(n.name)
        return Resolution(full.name if full else n.name, n.role, "person")

    def _group_pronoun(self, word: str, pos: int) -> Resolution | None:
        """ "they": the nearest earlier group, organisation or plural subject; "it": organisation, or a
        piece of writing that spoke ("The report said ... It concluded")."""
        plural = word in PLURAL
        wanted = {"organization", "group"} if plural else {"organization"}
        candidates = [n for n in [*self.history, *self.groups] if n.pos < pos]
        candidates.sort(key=lambda n: n.pos)
        for n in reversed(candidates):
            if n.kind in wanted or (n.kind == "unnamed" and n.gender == ("plural" if plural else "neuter")):
                return Resolution(n.name, n.role, n.kind)
        return None


def _named(text: str) -> bool:
    """A mention that names, a capitalised word past its determiner: not "the drug company"."""
    return any(w[:1].isupper() for w in text.split() if w.lower() not in ("the", "a", "an", "that", "this"))


def _short_form(doc: Doc, m: Mention, full: str) -> bool:
    """Whether mention ``m`` can be a short form of the name ``full`` that ends in its words: written as
    a name ("Sanders", which the tagger often makes a common noun), or "the" and the last word of an
    institution's name ("the department": the State Department); not "the discussion" (a Democrat
    familiar with the discussion) or "teachers" (the CORE Teachers)."""
    if doc[m.head].text[:1].isupper():
        return True
    return doc[m.start].lower_ == "the" and full.split()[-1][:1].isupper()


def _writing(doc: Doc, m: Mention) -> bool:
    """Whether mention ``m`` names one piece of writing or speech ("the report", "a new study", "the
    statement"), which "it" can point back to: a singular common noun WordNet files under
    communication, and not first as a person."""
    head = doc[m.head]
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return False
    wc = word_class(head.lemma_.lower(), "n")
    return wc is not None and "noun.communication" in wc.lexnames and wc.lexname != "noun.person"


def group_names(doc: Doc, inside_quote: Sequence[bool]) -> list[Named]:
    """Subjects outside quotations that "they"/"it" can refer to: organisations and plural noun phrases
    ("The ministry issued figures. It said ...", "Local officials met. They said ...")."""
    out = []
    for t in _tokens_with(doc, DEP, ("nsubj", "nsubjpass")):
        if inside_quote[t.i] or t.pos_ not in ("NOUN", "PROPN"):
            continue
        m = mention_of(t)
        text = m.text(doc)
        if named_together(doc, m):
            # people or bodies named together are a "they", never an "it" ("Cruz and Rubio", "the
            # company and its workers"); things are no speakers ("mass immigration and malaise")
            if t.pos_ == "PROPN" or t.lower_ in role_words() or t.lower_ in ORG_WORDS:
                out.append(Named(doc[m.start].idx, text, None, "plural", "group"))
        elif t.ent_type_ in ("ORG", "GPE") or t.lower_ in ORG_WORDS:
            out.append(Named(doc[m.start].idx, text, None, None, "organization"))
        elif t.tag_ in ("NNS", "NNPS"):
            kind = "group" if t.pos_ == "PROPN" else "unnamed"
            out.append(Named(doc[m.start].idx, text, None, "plural", kind))
    return out


def _tokens_with(doc: Doc, attr: int, values: Sequence[str]) -> Iterator[Token]:
    """The tokens of ``doc`` whose ``attr`` (``POS``, ``DEP``) is one of ``values``, in order: found in
    the attribute array, so that the others are never made into Token objects (the two loops above
    ran over every token of every article)."""
    column = doc.to_array(attr)
    wanted = np.zeros(len(column), dtype=bool)
    for value in values:  # a comparison per value: np.isin costs more for a handful of values
        wanted |= column == doc.vocab.strings[value]
    for i in np.flatnonzero(wanted).tolist():
        yield doc[i]
