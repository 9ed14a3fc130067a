"""Attribution extraction: a spaCy ``Doc`` in, :class:`~kg.record.Attribution` records out.

Finding is separate from writing: :func:`extract` returns records; other modules put them in graphs
and files. The finders, in order (each claims the tokens it uses, so later finders do not repeat
earlier ones):

1. reporting verbs with their complements (clause, to-infinitive, particle object, noun phrase),
   including passives with an agent and parentheticals ("..., he said, ...");
2. "according to X";
3. cue nouns with a that-clause ("the claim that ...") and "reports came out that ...";
4. hedging passives without an agent ("it is believed that", "are believed to be");
5. direct quotations not yet attributed: a reporting clause after or before the quote (split quotes
   "A," she said, "B." become one record with two spans), a colon introduction, or the previous
   speaker when the quote continues without a reporting clause; scare quotes and titles are left;
6. hedge adverbs ("allegedly") outside any attribution: an unattributed hedged claim;
7. rejoinders: a reporting verb in a relative clause renaming the clause before a comma ("..., a figure
   the army disputed", "..., which she denies"), answering the record that has that clause (its
   sentence's rejoinders are marked first, so that no other content runs into one).

Then sources are resolved (:mod:`kg.coref`), stance and certainty decided (:mod:`kg.stance`), a
short label made (:mod:`kg.label`) and a confidence assigned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import and_
from typing import TYPE_CHECKING, NamedTuple

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg import ids
from kg.boilerplate import boilerplate_spans
from kg.confidence import calibrate, confidence, feature_values
from kg.coref import Named, Resolver, group_names, person_names
from kg.cue_model import (
    CUT,
    CueModel,
    class_of,
    cue_features,
    kind_inputs,
    knows,
    load_cue_model,
    sibling_kinds,
    sigmoid,
    subject_form,
    variant_features,
)
from kg.document import Document
from kg.label import claim_label
from kg.lexicon import Cue, Lexicon, load_lexicon
from kg.namespace import BROADER
from kg.nlp import parse
from kg.quotes import Quote, balance_marks, find_quotes, quote_chains
from kg.record import Attribution, Certainty, Kind, SourceType, Span, Stance
from kg.sources import (
    PRONOUNS,
    RELATIVE,
    Mention,
    entity_kinds,
    extraposing_adjectives,
    issuer,
    mention_of,
    named_together,
    names_people,
    source_type,
    span_mention,
)
from kg.stance import (
    AGREEING_CLASSES,
    RENAMING_NOUNS,
    content_words,
    decide_stance,
    pointer,
    pointer_scope,
    root_negated,
    weaker,
)
from kg.wordclass import WordClass

if TYPE_CHECKING:
    from spacy.language import Language

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
EMERGE_VERBS = frozenset(
    {"come", "emerge", "surface", "circulate", "spread", "appear", "say", "suggest", "show"}
)
DASHES = frozenset({"―", "—", "–", "--"})
SENTENCE_END = frozenset({".", "!", "?"})
EDGE_TRIM = frozenset({",", ";", ":", "—", "–", "-", "(", ")", "."})
CONNECTIVES = frozenset(
    {"also", "however", "and", "but", "meanwhile", "moreover", "yet", "so", "still", "then"}
)
# "cited X as Y", "accused X of Y", "charged X with Y", "praised X for Y"
OBJECT_PREPS = frozenset({"as", "of", "with", "for"})
# prepositions of a phrase of time or circumstance, no part of what a verb says of its object
CIRCUMSTANCE_PREPS = frozenset(
    {"during", "until", "before", "after", "since", "amid", "despite", "following", "throughout", "at"}
)
COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp"})
HEAD_SIDE = frozenset({"parataxis", "advcl", "conj", "ccomp", "relcl", "acl"})  # a cue inside its content
CONDITION_MARKS = frozenset({"if", "unless", "because"})  # a complement's condition or reason
CONTRAST = frozenset({"though", "although", "but", "while", "whereas", "yet"})  # "..., though others ..."
SET_OFF = frozenset({",", "—", "–", "-", ";", "("})  # marks setting off a trailing dependent
# verbs whose subject meets or provokes what their object noun says, and does not say it ("the mayor faced
# criticism", "the plan sparked outrage"): the noun's source is their "from"/"by" phrase, if any
TARGET_VERBS = frozenset(
    {"face", "draw", "spark", "fuel", "attract", "provoke", "trigger", "receive", "earn"}
)
PERSON_SUBJECTS = frozenset({"he", "she"})  # "he's said": "has" (it's, that's: "is")
COPULAS = frozenset({"be", "seem", "become", "remain"})
FINITE = frozenset({"MD", "VBD", "VBZ", "VBP"})  # tags of a finite verb
NOT_A_SPEAKER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
MAIN_CLAUSE = frozenset({"ROOT", "ccomp", "conj", "parataxis"})  # a clause of its own, not a modifier
RAISING = frozenset({"seem", "appear"})  # "X seems to be Y": a hedge on X being Y, not a source
# verbs of phase or attempt ("she continued to warn", "he tried to blame"): their complement is no claim of
# theirs, but a reporting verb's, which makes its own record; '"...," he continued' still quotes
PHASE_OR_ATTEMPT = frozenset(
    {"continue", "keep", "begin", "start", "stop", "cease", "resume", "try", "attempt", "struggle"}
)
RAISED = frozenset({"xcomp", "ccomp", "oprd", "acomp", "attr"})  # what it says of X: "to be Y", "ready"
QUOTE_MARKS = frozenset({'"', "''", "``", "\u201c", "\u201d", "'", "\u2018", "\u2019"})
NP_START = frozenset({"DET", "ADJ", "NUM", "PROPN", "NOUN", "PRON"})  # a word that can open a noun phrase
# ... and the dependencies that lead from it to the phrase's head
NP_INSIDE = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod", "case"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "parataxis", "relcl", "xcomp"})
CONTINUATION_WINDOW = 2  # paragraphs: a quote with no reporting clause continues the previous speaker
CEILING_MARGIN = 1e-9  # log-odds: a cue is passed over only when clearly below the threshold (rounding)
MIN_QUOTE_WORDS = 4  # shorter quotes with no cue are scare quotes or titles
CUE_WINDOW = 12  # tokens between a quote and its reporting verb
ANSWER_WINDOW = 6  # attributions back that a response may answer
ANSWER_OVERLAP = 2  # content words (and at least half of the shorter) a response shares with its claim
STRICT_OVERLAP = 3  # ... for a negated content without a denial cue or pointer
POINTER_WINDOW = 600  # characters back to the claim "these claims" or "the report" refers to
SAID_BACK_WINDOW = 200  # ... and "denied it", "disputed that"
MIN_ANSWERED_WORDS = 2  # content words of a claim a pointer may refer to ("Trump" is none)
# "Speaker: text" at a paragraph start (headlines, transcripts); the speaker is at most five words.
SPEAKER_COLON = re.compile(r"(?m)^[ \t\"“]*([A-Z][\w.’'\- ]{0,40}?):[ \t]+(\S[^\n]*)")
HEADING_WORDS = frozenset(
    {"for", "on", "to", "in", "with", "about", "and", "from", "at", "is", "are", "a", "the"}
)
NOT_SPEAKERS = frozenset(
    [
        "update",
        "updated",
        "note",
        "editor's",
        "editors",
        "abstract",
        "related",
        "watch",
        "read",
        "photo",
        "photos",
        "source",
        "sources",
        "transcript",
        "follow",
        "video",
        "audio",
        "warning",
        "disclaimer",
        "correction",
        "clarification",
        "breaking",
        "exclusive",
        "live",
        "opinion",
        "analysis",
        "editorial",
        "review",
        "q",
        "a",
        "tags",
        "filed",
        "posted",
    ]
)
# a label that is the whole of a line's "speaker" and says where to reach or credit someone:
# "EMAIL: desk@example.org", "Twitter: @desk", "BYLINE: Ann Reyes" (but "Morning Email: ..." speaks)
LABELS = frozenset(
    [
        "email",
        "e-mail",
        "twitter",
        "facebook",
        "instagram",
        "byline",
        "dateline",
        "contact",
        "phone",
        "website",
    ]
)
# a line's rest that says nothing: a number or a count ("1,769"), an address, a handle, a link
NOT_A_CLAIM = re.compile(r"[\W\d_]*|\S+@\S+|@\w+|(?:https?://|www\.)\S+", re.IGNORECASE)

# Fallback confidence by extraction rule, used only when no calibration table (kg/confidence.py) exists.
BASE_CONFIDENCE: dict[str, float] = {
    "quote-cue": 0.92,
    "quote-colon": 0.8,
    "quote-continuation": 0.6,
    "quote-dash": 0.8,
    "colon-speaker": 0.7,
    "ccomp": 0.82,
    "parataxis": 0.8,
    "parenthetical": 0.82,
    "trailing-clause": 0.75,
    "xcomp": 0.62,
    "pobj": 0.75,
    "dobj": 0.5,
    "according": 0.88,
    "source-phrase": 0.8,
    "passive-agent": 0.7,
    "nominal": 0.55,
    "emerge": 0.6,
    "passive-hedge": 0.62,
    "adverb-hedge": 0.55,
    "rejoinder": 0.7,
}


@dataclass(frozen=True)
class Options:
    """Extraction choices.

    ``join_quotes``: a quotation that follows a speaker's quotation in the same paragraph with no
    reporting clause of its own ('"A," she said. "B."') becomes another span of that attribution
    (PolNeAR's convention) instead of an attribution of its own continuing the speaker (default).
    """

    join_quotes: bool = False
    learned_cues: bool = True


@dataclass(frozen=True, slots=True)
class Variant:
    """One span the parse offers as a cue's content: its kind, token ranges and root."""

    kind: str
    ranges: tuple[tuple[int, int], ...]
    root: int | None
    agent: Token | None = None  # a passive's "by" phrase: the source


@dataclass
class Candidate:
    """An attribution being assembled (token indices; mutable until frozen into a record)."""

    how: str
    kind: Kind
    content: list[tuple[int, int]]  # token ranges [a, b)
    cue: tuple[int, int] | None = None  # token range of the cue as written
    cue_entry: Cue | None = None
    source: Mention | None = None
    source_fallback: bool = False
    cue_class: str | None = None
    stance: Stance = "assert"
    certainty: Certainty = "certain"
    hedge: str | None = None
    content_root: int | None = None
    chars: list[tuple[int, int]] = field(default_factory=list)  # content char spans (quotes)
    answers: Candidate | None = None  # the attribution a rejoinder renames ("..., a claim he denies")
    # filled at assembly
    source_text: str | None = None
    resolved: str | None = None
    role: str | None = None
    stype: SourceType | None = None
    score: float | None = None  # the cue model's probability, when it chose this candidate

    @property
    def confidence_group(self) -> str:
        """Which raw confidence the record gets (:data:`kg.confidence.GROUPS`): the cue model's
        probability, or the rules' table."""
        return "model" if self.score is not None else "rules"


class _Rejoinder(NamedTuple):
    """A rejoinder found in a sentence (``Extractor.reserve_rejoinders``): its verb and cue, the word
    standing for the clause it renames, the comma before that word, and where its sentence starts."""

    verb: Token
    cue: Cue
    word: Token
    comma: int
    start: int


class CueReading(NamedTuple):
    """What :meth:`Extractor.scored_variants` reads of a cue candidate."""

    base: list[str]  # the cue's features
    rows: list[tuple[Variant, Candidate, list[str]]]  # each variant, its candidate and its features
    head: Token | None  # the head of its source
    fallback: bool  # whether ``head`` is only the fallback guess
    base_score: float | None = None  # the model's score of ``base``, when a model was given


class Extractor:
    """Runs the finders over one spaCy ``Doc`` of a :class:`Document`."""

    def __init__(
        self, document: Document, doc: Doc, lexicon: Lexicon, options: Options | None = None
    ) -> None:
        self.options = options or Options()
        self.document = document
        self.doc = doc
        self.text = document.text
        self.lex = lexicon
        self.model = load_cue_model() if self.options.learned_cues else None
        self.quotes = find_quotes(self.text)
        self.skip = boilerplate_spans(self.text)
        # tokens and their children made once: doc[i] and token.children make new objects every time
        self.tok: list[Token] = list(doc)
        n = len(self.tok)
        # token attributes read off the parse's arrays once (a Token attribute costs a lookup each time)
        arrays = doc.to_array([HEAD, IDX, IS_SPACE, IS_PUNCT]).astype("int64") if n else None
        # (is_space: 1 for a whitespace token, 0 for others)
        rel, self.idx, self.is_space, punct = arrays.T.tolist() if arrays is not None else ([], [], [], [])
        self.heads = [i + h for i, h in enumerate(rel)]
        # the string attributes the finders test on every token, by token index: ``self.pos[i]`` is
        # ``doc[i].pos_`` (``lemma`` lowercased), read once instead of through a Token each time
        self.pos, self.dep, self.lower, self.lemma = _string_columns(doc)
        self.kids: list[list[Token]] = [[] for _ in self.tok]
        for t, h in zip(self.tok, self.heads, strict=True):
            if h != t.i:
                self.kids[h].append(t)
        self.sents: list[SpacySpan] = list(doc.sents)
        self.sent_start = [0] * n  # token -> index of its sentence's first token
        for sent in self.sents:
            self.sent_start[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
        self.quote_of: list[int | None] = [None] * n  # token -> quote index
        self._index_quotes()
        is_word = [not (p or sp) for p, sp in zip(punct, self.is_space, strict=True)]
        self.used = [False] * n  # token already inside some candidate's content
        self.reserved = [False] * n  # token inside some candidate's source or cue
        self.renaming: set[int] = set()  # the words rejoinders rename a clause with (reserve_rejoinders)
        self.pending_rejoinders: list[_Rejoinder] = []  # their records are made last (find_rejoinders)
        self.cands: list[Candidate] = []
        self.paragraph_of = self._paragraph_index()
        # prefix counts of word tokens (and of quoted ones) and the next word token at or after each index
        quoted = [q is not None for q in self.quote_of]
        self.words_before = [*accumulate(is_word, initial=0)]
        self.quoted_before = [*accumulate(map(and_, is_word, quoted), initial=0)]
        self.quote_tokens_before = [*accumulate(quoted, initial=0)]  # tokens of any kind in quotations
        self.next_word = [n] * (n + 1)
        following = n
        for i in range(n - 1, -1, -1):
            if is_word[i]:
                following = i
            self.next_word[i] = following

    # ------------------------------------------------------------------ indexing
    def _index_quotes(self) -> None:
        qi = 0
        if not self.quotes:
            return
        for i, idx in enumerate(self.idx):
            while qi < len(self.quotes) and self.quotes[qi].end <= idx:
                qi += 1
            if qi == len(self.quotes):
                break
            if self.quotes[qi].start <= idx:
                self.quote_of[i] = qi

    def _paragraph_index(self) -> list[int]:
        out, para = [], 0
        for i, sp in enumerate(self.is_space):
            if sp and "\n" in self.tok[i].text:
                para += 1
            out.append(para)
        return out

    def aside(self) -> list[bool]:
        """Per token, whether it is outside the story's own narration, where no speaker is introduced for
        coreference: inside a quotation, or in boilerplate (a byline's "By Jane Smith" is no "she")."""
        if not self.skip:
            return [q is not None for q in self.quote_of]
        return [q is not None or self.in_boilerplate(i) for q, i in zip(self.quote_of, self.idx, strict=True)]

    def in_boilerplate(self, char: int) -> bool:
        return any(s.start <= char < s.end for s in self.skip)

    def boilerplate_sentence(self, sent: SpacySpan) -> bool:
        """Whether ``sent`` lies in boilerplate, from its first to its last character that is not
        space (a sentence takes the line breaks after it; a paragraph span does not)."""
        end = sent.end_char
        while end > sent.start_char + 1 and self.text[end - 1].isspace():
            end -= 1
        return self.in_boilerplate(sent.start_char) and self.in_boilerplate(end - 1)

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] is not None

    # ------------------------------------------------------------------ helpers
    def trim(self, a: int, b: int) -> tuple[int, int] | None:
        """Trim edge punctuation, spaces and leading connectives from token range ``[a, b)``, and a
        coordinator from its end; ``None`` when no word is left."""
        space, lower = self.is_space, self.lower  # (edge marks have no case: lower is the text)
        while a < b and (space[a] or lower[a] in EDGE_TRIM or lower[a] in CONNECTIVES):
            a += 1
        while b > a and (space[b - 1] or lower[b - 1] in EDGE_TRIM or self.dep[b - 1] == "cc"):
            b -= 1  # "the vote was rushed [and]": a coordinator left by a cut conjunct
        if self.words_before[b] == self.words_before[a]:
            return None  # no word left, only marks: "[''] For me,'' he concluded"
        return a, b

    def subtree(self, t: Token, exclude: Iterable[Token] = ()) -> tuple[int, int] | None:
        """The contiguous token range of ``t``'s subtree minus excluded subtrees at its edges, and
        minus a trailing coordinated reporting verb ("... to the vote *and warned the council ...*"; see
        :meth:`coordinated_with_speaker`)
        or a relative clause set off after an object ("her parents, *who spent ...*"; a restrictive one
        stays: "the rules *that the council passed*") or closing the range (:meth:`before_aside`)."""
        a, b = t.left_edge.i, t.right_edge.i + 1
        trailing = [c for c in self.kids[t.i] if c.i > t.i and self.is_trailing_clause(t, c)]
        for x in [*exclude, *trailing]:
            xa, xb = x.left_edge.i, x.right_edge.i + 1
            if xa <= a < xb:
                a = xb
            if xa < b <= xb:
                b = xa
        return self.trim(a, self.before_aside(a, b))

    def before_aside(self, a: int, b: int) -> int:
        """The end of range ``[a, b)`` before a relative clause set off by a comma or dash that closes it,
        the writer's aside on a noun: "it would be Ortiz[, who leads the count by 40 seats]". Not
        inside a quotation, whose words stay as they are."""
        end = b
        while end > a and self.lower[end - 1] in (".", "!", "?"):
            end -= 1  # the sentence's full stop
        for k in range(a + 3, end):
            x = self.tok[k]
            if (
                self.dep[k] == "relcl"
                and x.right_edge.i + 1 >= end
                and x.left_edge.i > a + 2
                and self.lower[x.left_edge.i - 1] in SET_OFF
                and self.pos[x.head.i] in ("NOUN", "PROPN")
                and not self.in_quote(k)
            ):
                return x.left_edge.i
        return b

    def particle_range(self, verb: Token, particle: Token) -> tuple[int, int]:
        """The claim of a cue with a particle or preposition ("called for", "pointed to"): what follows
        the particle in the verb's clause, up to a dependent of the verb set off by a comma ("pointed to
        [the ground game], *noting that* ...") or a closing aside (:meth:`before_aside`)."""
        a, b = particle.i + 1, verb.right_edge.i + 1
        for c in self.kids[verb.i]:
            left = c.left_edge.i
            if a < left < b and self.lower[left - 1] == ",":
                b = left
        return a, self.before_aside(a, b)

    def is_trailing_clause(self, head: Token, child: Token) -> bool:
        i, dep = child.i, self.dep
        if dep[i] in ("conj", "advcl") and self.pos[i] == "VERB":
            cue = self.lex.verb(self.lemma[i])
            own_subject = any(dep[c.i] in SUBJECTS for c in self.kids[i])
            if cue is not None and "quote" in cue.frames and not own_subject:  # "... and warned", ", arguing"
                return True
            if cue is not None and not own_subject and self.coordinated_with_speaker(head, child):
                return True
        return (
            dep[i] == "relcl"
            and self.pos[head.i] in ("NOUN", "PROPN")
            and dep[head.i] in ("dobj", "pobj")
            and self.lower[child.left_edge.i - 1] in SET_OFF
        )

    def coordinated_with_speaker(self, clause: Token, verb: Token) -> bool:
        """Whether ``verb``, a subjectless cue verb the parse coordinated with ``clause`` (a reporting
        verb's complement clause), is the speaker's next act instead: "The company said [its reporting
        had complied] *and called the allegations misleading*", "Pell said [the housing bill would hand
        cash to landlords] and *called it* ...". It is when it agrees in form with the reporting verb (past
        with "said") but not with the clause ("would give ... and called"), or the clause's subject is
        a thing, which does not call or accuse ("its reporting ... and called")."""
        speaker_verb = self.shared_subject_verb(verb)
        before = self.tok[verb.left_edge.i - 1]  # "and", "but", "--": not a misparsed modifier
        if (
            speaker_verb.i == clause.i
            or not (before.dep_ == "cc" or before.is_punct)
            or finite_tag(verb) != finite_tag(speaker_verb)
        ):
            return False
        if finite_tag(clause) != finite_tag(verb):
            return True
        subj = next((c for c in self.kids[clause.i] if self.dep[c.i] in SUBJECTS), None)
        return subj is not None and is_thing(subj)

    def object_with_complement(self, verb: Token, obj: Token) -> tuple[int, int] | None:
        """An object with its predicative complement: "called [the charges unsubstantiated]",
        "cited [remarks as examples of ...]"."""
        span = self.subtree(obj)
        if span is None:
            return None
        end = span[1]
        for c in self.kids[verb.i]:
            if c.i > obj.i and (c.dep_ in COMPLEMENT_DEPS or c.dep_ == "prep" or self.is_purpose(c)):
                if c.dep_ == "prep" and c.lower_ not in OBJECT_PREPS and self.tok[c.i - 1].is_punct:
                    continue
                if c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPS:
                    continue  # "criticized [the mayor] *during a debate*": when, not what
                end = max(end, c.right_edge.i + 1)
        return self.trim(span[0], end)

    def is_purpose(self, t: Token) -> bool:
        """Whether ``t`` is an infinitive of purpose, or a noun's infinitive the parse hung on the verb:
        "defended [his plan] *to raise the wage*", "pushed [the city] *to drop the toll*"."""
        return self.dep[t.i] == "advcl" and any(x.dep_ == "aux" and x.lower_ == "to" for x in self.kids[t.i])

    def subject_with_complement(self, verb: Token, subj: Token) -> list[tuple[int, int] | None]:
        """A passive's subject and the predicate the verb gives it, two spans: "[the harbour] is regarded
        [as a lifeline]", "[Ortiz] was proclaimed [the victor]", "[the senator] has been criticized [for
        her vote]". No spans when the verb has no such complement."""
        after = [
            c
            for c in self.kids[verb.i]
            if c.i > verb.i and (c.dep_ in COMPLEMENT_DEPS or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS))
        ]
        if not after:
            return []
        return [self.subtree(subj), self.trim(after[0].left_edge.i, max(c.right_edge.i for c in after) + 1)]

    def quoted_as_saying(self, verb: Token) -> bool:
        """Whether passive ``verb`` relays its subject's words: "[An official] was quoted *as saying*
        ...". The subject is the speaker of "saying", not what is said."""
        return any(
            c.dep_ == "prep"
            and c.lower_ == "as"
            and any(p.dep_ == "pcomp" and self.lex.verb(p.lemma_.lower()) is not None for p in self.kids[c.i])
            for c in self.kids[verb.i]
        )

    def around(self, head: Token, inserted: Token) -> list[tuple[int, int]]:
        """The parts of ``head``'s subtree around the inserted clause: "Prices, he said, will keep
        rising" -> "Prices" + "will keep rising".

        After the clause's head, what follows an inserted "she said" is the claim's too ("The crew
        repainted the pier, he said, because ..."), but not a turn to another claim (", but ...")
        nor an aside on a noun before ("..., the office reported, a shift that ...")."""
        a, b = head.left_edge.i, head.right_edge.i + 1
        xa, xb = inserted.left_edge.i, inserted.right_edge.i + 1
        before, after = self.trim(a, xa), self.trim(xb, b)
        if after is not None and head.i < xa:
            aside = any(self.dep[k] == "appos" and self.tok[k].head.i < xa for k in range(*after))
            turn = self.lower[self.next_word[xb]] in CONTRAST
            if turn or aside:
                after = None
        return [r for r in (before, after) if r]

    def free(self, a: int, b: int) -> bool:
        return not any(self.used[a:b])

    def claim_tokens(self, ranges: Iterable[tuple[int, int]]) -> None:
        for a, b in ranges:
            for i in range(a, b):
                self.used[i] = True

    def add(self, cand: Candidate) -> None:
        if cand.cue is not None and (hedged := self.hedged_by_passive(self.tok[cand.cue[1] - 1])):
            cand.hedge, certainty = hedged  # "He is said [to have told] aides that ..."
            cand.certainty = weaker(cand.certainty, certainty)
        self.cands.append(cand)
        self.claim_tokens(cand.content)
        for a, b in filter(None, [cand.cue, (cand.source.start, cand.source.end) if cand.source else None]):
            for i in range(a, b):
                self.reserved[i] = True

    def cut_reserved(self, content: tuple[int, int] | None, keep: int) -> tuple[int, int] | None:
        """Cut a content range before the first other attribution's source or cue after ``keep``."""
        if content is None:
            return None
        a, b = content
        for i in range(max(a, keep), b):
            if self.reserved[i] and i > a and self.tok[i - 1].is_punct:
                return self.trim(a, i)
        return content

    def subject_of(self, verb: Token) -> tuple[Mention | None, bool]:
        """The source of a cue verb: its subject, a conjunct's, a relative's antecedent, or a fallback."""
        head, fallback = self.subject_head(verb)
        return (self.speaker(head, verb) if head is not None else None), fallback

    def speaker(self, head: Token, verb: Token) -> Mention:
        """The source phrase headed by ``head``, the subject of cue ``verb`` (after it: without it)."""
        return mention_of(head, floor=verb.i + 1 if head.i > verb.i else 0, cue=verb.i)

    def subject_head(self, verb: Token) -> tuple[Token | None, bool]:
        """The head token of :meth:`subject_of`'s mention, and whether it is the fallback."""
        v: Token | None = verb
        hops = 0
        while v is not None and hops < 4:
            deps = (
                ("nsubj", "csubj", "nsubjpass") if hops or self.has_contracted(v) else ("nsubj", "csubj")
            )  # "X was criticized for refusing"; "he's predicted wins" is active
            subj = next((c for c in self.kids[v.i] if c.dep_ in deps and not self.quoted_subject(v, c)), None)
            if subj is not None:
                if self.extraposed(subj, v):
                    return None, False  # "It is hard to say whether ...": nobody says it
                if subj.lower_ in RELATIVE and v.dep_ == "relcl":
                    return v.head, False
                return subj, False
            if v.dep_ in ("conj", "xcomp", "advcl", "acl") and v.head.pos_ in ("VERB", "AUX"):
                v, hops = self.shared_subject_verb(v), hops + 1
                continue
            if v.dep_ == "xcomp" and v.head.dep_ == "acomp" and v.head.head.pos_ in ("VERB", "AUX"):
                v, hops = v.head.head, hops + 1  # "residents were keen [to argue]", "is quick to"
                continue
            if v.dep_ == "pcomp" and v.head.dep_ == "prep":  # "stopped short of calling", "for refusing"
                h = v.head.head
                while h.pos_ in ("ADV", "ADJ") and h.head.i != h.i:
                    h = h.head
                if h.pos_ in ("VERB", "AUX"):
                    v, hops = h, hops + 1
                    continue
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head, False
            break
        if self.after_quotation(verb):
            inverted = self.speaker_after(verb)  # '"...," said Dana Whitfield'
            if inverted is not None:
                return inverted, False
        if verb.i > 0 and self.lower[verb.i - 1] == ",":  # "Ortiz, meanwhile, who holds no posts, said"
            interrupted = self.before_interruption(verb.i - 1, self.sent_start[verb.i])
            if interrupted is not None:
                return interrupted, False
        return self.preceding_np(verb), True

    def extraposed(self, subj: Token, verb: Token) -> bool:
        """Whether ``subj`` is an "it" standing in for a clause extraposed after an adjective of
        ``verb``'s: "It is hard [to say ...]", "It's important [to remember that ...]", "It is clear
        [that ...]"."""
        if self.lower[subj.i] != "it" or self.lemma[verb.i] not in COPULAS:
            return False
        adjectives = extraposing_adjectives()
        return any(
            self.dep[a.i] in ("acomp", "advmod")  # "too soon" is an adverb
            and self.lemma[a.i] in adjectives
            and any(self.dep[c.i] in ("xcomp", "ccomp") for c in (*self.kids[a.i], *self.kids[verb.i]))
            for a in self.kids[verb.i]
        )

    def shared_subject_verb(self, v: Token) -> Token:
        """The verb whose subject the subjectless verb ``v`` shares: its head; but for a reporting verb
        set off after, or coordinated with, another reporting verb's complement clause, that other verb:
        "Whitfield said the toll plan was reckless, *noting* ..." and "He said X and *said* that Y",
        where the parse hangs the second verb on the complement's ("was"), whose subject is not the
        speaker. After a clause whose reporting verb follows it, the verb is the clause subject's: "The
        mayor left the hall, *warning* that ..., an aide said"."""
        h = v.head
        if (
            self.dep[v.i] in ("advcl", "conj")
            and self.dep[h.i] == "ccomp"
            and h.head.i < h.i
            and self.pos[h.head.i] in ("VERB", "AUX")
            and self.lex.verb(self.lemma[v.i]) is not None
            and self.lex.verb(self.lemma[h.head.i]) is not None
        ):
            return h.head
        return h

    def quoted_subject(self, verb: Token, subj: Token) -> bool:
        """Whether the parse made words of a quotation the subject of a verb outside it ('"We lost.
        *Every last bill*," said Dana Whitfield'): a quoted fragment, not the speaker. A short
        quotation before the verb is a name or a scare quote, and may be the subject ('the "silent
        majority" said'); after the verb it is a title the parse misplaced ('X said on "Morning Joe"')."""
        if self.in_quote(verb.i) or not self.in_quote(subj.i):
            return False
        quote = self.quotes[self.quote_of[subj.i] or 0]
        return (
            subj.i > verb.i
            or self.count_words(*self.char_to_tokens(quote.start, quote.end))[0] >= MIN_QUOTE_WORDS
            or self.said_right_after(quote, verb)
        )

    def said_right_after(self, quote: Quote, verb: Token) -> bool:
        """Whether ``quote`` ends in a comma, "!" or "?" inside its marks with ``verb`` right after it:
        '"Water," said Dana Ruiz' quotes a word; a name takes no comma of its own ('the "Gang of
        Eight" said')."""
        if quote.close_mark is None:
            return False
        if not self.text[quote.start : quote.close_mark].rstrip().endswith((",", "!", "?")):
            return False
        between = self.text[quote.close_mark + 1 : verb.idx]
        return not between.strip(" ,")

    def after_quotation(self, verb: Token) -> bool:
        """Whether ``verb`` comes right after a quotation ('"...," *said* X'), punctuation between."""
        i = verb.i - 1
        while i >= 0 and self.tok[i].is_punct and not self.in_quote(i):
            if self.tok[i].text in QUOTE_MARKS:
                return True
            i -= 1
        return i >= 0 and self.in_quote(i)

    def preceding_np(self, verb: Token) -> Token | None:
        """The head of a noun phrase just before the verb (for parses that lost the subject); not an
        expletive "there" or "it"."""
        i = verb.i - 1
        start = self.sent_start[verb.i]
        while i >= start and self.tok[i].pos_ in ("ADV", "AUX", "PART"):
            i -= 1
        if i < start:
            return None
        t = self.tok[i]
        if t.text == "," and i > start and self.tok[i - 1].dep_ == "appos":
            t = self.tok[i - 1]  # "In a note to the board, its chair, Dana Whitfield, said": on "board"
            # ... or on a quotation: '"...," Dana Whitfield, a harbour official, said': the role's name
            h = t.head
            if t.pos_ == "NOUN" and h.i < t.i and h.pos_ == "PROPN" and not self.in_quote(h.i):
                t = h
        if t.dep_ == "expl" or self.extraposed(t, t.head):
            return None  # an expletive ("There are concerns that", "It is too soon to say") names nobody
        if t.pos_ in ("NOUN", "PROPN", "PRON") and not self.in_quote(t.i):
            return t
        return None

    def before_interruption(self, comma: int, start: int) -> Token | None:
        """The noun before the stretches set off by commas that end at ``comma``, when each opens with a
        relative pronoun, a participle or an adverb: "[Ortiz], meanwhile, who holds no posts,", "[One
        delegate], who asked not to be named,", "[Orme], wearing a union badge,"."""
        end = comma
        while True:
            opening = next((k for k in range(end - 1, start, -1) if self.lower[k] == ","), None)
            if opening is None:
                return None
            opener = self.tok[opening + 1]
            relative = opener.lower_ in ("who", "which")
            if not (relative or opener.tag_ in ("VBG", "VBN") or opener.pos_ == "ADV"):
                return None
            before = self.tok[opening - 1]
            if before.pos_ in ("NOUN", "PROPN") and not self.in_quote(before.i):
                return before
            end = opening  # "X, meanwhile, who ...": on to the stretch before

    def cue_range(self, verb: Token, particle: Token | None = None) -> tuple[int, int]:
        """The cue as written: auxiliaries and negation right before the verb, and a particle."""
        a = verb.i
        while (
            a - 1 >= self.sent_start[verb.i]
            and self.dep[a - 1] in ("aux", "neg", "auxpass")
            and self.heads[a - 1] == verb.i
        ):
            a -= 1
        b = verb.i + 1
        if particle is not None and particle.i == b:
            b += 1
        return a, b

    # ------------------------------------------------------------------ finders
    def run(self) -> list[Candidate]:
        for sent in self.sents:
            if self.boilerplate_sentence(sent):
                continue
            self.reserve_rejoinders(sent)
            self.find_according_to(sent)
            self.find_inverted_parentheticals(sent)
            self.find_source_phrases(sent)
            if self.model is not None:
                self.find_learned_cues(sent, self.model)
            else:
                self.find_verb_cues(sent)
            self.find_nominal(sent)
            self.find_trailing_reporting_clause(sent)
            self.find_passive_hedges(sent)
        self.find_colon_speakers()
        self.find_quotes()
        for sent in self.sents:
            if not self.in_boilerplate(sent.start_char):
                self.find_adverb_hedges(sent)
        self.find_rejoinders()  # last: a rejoinder answers whatever record has the clause it renames
        self.cands.sort(key=lambda c: c.content[0][0])
        return self.cands

    def find_verb_cues(self, sent: SpacySpan) -> None:
        """Reporting verbs of the lexicon with the complements its frames name (the rules alone)."""
        # Outer verbs first: "X offers Y, Kamin said" gives said -> [X offers Y], not offers -> [Y].
        for i in _outer_first(sent, self.heads):
            if self.pos[i] in ("VERB", "AUX") and not self.in_quote(i):
                self.lexicon_verb(self.tok[i])

    def lexicon_verb(self, t: Token) -> None:
        """The lexicon's reading of verb ``t``, when it is a cue there."""
        cue, particle = self.lexicon_cue(t)
        if cue is None or self.passive_without_agent(t) or self.rejoinder(t) is not None:
            return  # a passive without agent is a hedging passive or nothing; a rejoinder comes later
        if t.lemma_.lower() in RAISING:
            self.raising_candidate(t, cue)
        else:
            self.verb_candidate(t, cue, particle)

    # ------------------------------------------------------------------ learned cues
    def cue_candidates(self, sent: SpacySpan, nouns: frozenset[str] = frozenset()) -> Iterator[Token]:
        """The cue model's candidates in ``sent``, outer clauses first: verbs outside quotations, and
        nouns that are lexicon cue nouns or in ``nouns`` (the model's); words only (the tagger makes a
        verb of a dash or a bare "'s" now and then)."""
        pos, dep, lower = self.pos, self.dep, self.lower
        for i in _outer_first(sent, self.heads):
            if self.in_quote(i) or not lower[i][:1].isalpha():
                continue
            if pos[i] in ("VERB", "AUX"):
                if dep[i] not in ("aux", "auxpass"):
                    yield self.tok[i]
            elif pos[i] == "NOUN":
                lemma = self.lemma[i]
                if lemma in nouns or self.lex.noun(lemma) is not None:
                    yield self.tok[i]
            elif self.predicative(self.tok[i]):
                yield self.tok[i]

    def predicative(self, t: Token) -> bool:
        """Whether ``t`` is an adjective after a copula that takes a clause or a phrase: "was confident
        that", "has been critical of", "are skeptical about"."""
        return (
            self.pos[t.i] == "ADJ"
            and self.dep[t.i] == "acomp"
            and self.heads[t.i] < t.i
            and any(
                (c.dep_ == "ccomp" or (c.dep_ == "prep" and self.prep_object(c) is not None)) and c.i > t.i
                for c in self.kids[t.i]
            )
        )

    def lexicon_cue(self, t: Token) -> tuple[Cue | None, Token | None]:
        """The lexicon entry of verb ``t`` (phrasal when its particle follows) and that particle; of a
        noun, its noun entry."""
        i = t.i
        if self.pos[i] == "NOUN":
            return self.lex.noun(self.lemma[i]), None
        nxt = i + 1
        particle = None
        if nxt < len(self.tok) and (
            (self.heads[nxt] == i and self.dep[nxt] in ("prt", "prep", "mark"))
            or self.lower[nxt] in ("for", "on", "out")
            or self.pushes_back(i)
        ):
            particle = nxt
        cue = self.lex.verb(self.lemma[i], self.lower[particle] if particle is not None else None)
        if cue is None or cue.particle is None or particle is None:
            return cue, None
        return cue, self.tok[particle]

    def pushes_back(self, i: int) -> bool:
        """ "pushed *back* on the claim", "push *back* against": a response, with the claim after its
        preposition ("pushed back the vote" puts it off)."""
        after = i + 2
        return (
            after < len(self.tok)
            and self.lower[i + 1] == "back"
            and self.heads[i + 1] == i
            and self.lower[after] in ("on", "against")
        )

    def nested_under(self, t: Token) -> str | None:
        """The dependency through which ``t`` hangs below a lexicon reporting verb (up to 3 levels)."""
        v, hops = t.i, 0
        while self.heads[v] != v and hops < 3:
            dep, v, hops = self.dep[v], self.heads[v], hops + 1
            if self.pos[v] in ("VERB", "AUX") and self.lex.verb(self.lemma[v]) is not None:
                return dep
        return None

    def variants(self, t: Token, cue: Cue | None, particle: Token | None) -> list[Variant]:
        """Every span the parse offers as the content of cue ``t`` (see :mod:`kg.cue_model`)."""
        out: list[Variant] = []
        seen: set[tuple[tuple[int, int], ...]] = set()

        def add(
            kind: str, ranges: Sequence[tuple[int, int] | None], root: Token | None, **kw: object
        ) -> None:
            rs = tuple(r for r in ranges if r)
            if rs and rs not in seen and not any(a <= t.i < b for a, b in rs):
                seen.add(rs)
                out.append(Variant(kind, rs, root.i if root is not None else None, **kw))  # type: ignore[arg-type]
                if len(rs) == 1 and root is not None:
                    cut = self.trailing_cut(root, *rs[0])
                    if cut is not None and (cut,) not in seen:
                        seen.add((cut,))
                        out.append(Variant(kind + CUT, (cut,), root.i, **kw))  # type: ignore[arg-type]

        kids = self.kids[t.i]
        if t.pos_ == "ADJ":  # "confident [that the bridge would open]", "critical of [the council]"
            for c in kids:
                if c.dep_ == "ccomp" and c.i > t.i:
                    add("a-ccomp", [self.subtree(c)], c)
                elif c.dep_ == "prep" and c.i > t.i:
                    pobj = self.prep_object(c)
                    if pobj is not None:
                        add(f"a-prep:{c.lower_}", [self.subtree(pobj)], pobj)
            return out
        if t.pos_ == "NOUN":
            for c in kids:
                if c.dep_ in ("acl", "ccomp", "relcl", "appos") and c.i > t.i:
                    add(f"n-{c.dep_}", [self.subtree(c)], c)
                elif c.dep_ == "prep" and c.i > t.i:
                    pobj = self.prep_object(c)
                    if pobj is not None:
                        add(f"n-prep:{c.lower_}", [self.subtree(pobj)], pobj)
            return out
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        if particle is not None and self.pushes_back(t.i):  # "pushed back on [the claim]"
            pobj = self.prep_object(self.tok[t.i + 2])
            if pobj is not None:
                add("pobj", [self.subtree(pobj)], pobj)
        elif particle is not None:
            a, b = self.particle_range(t, particle)
            root = next((x for x in self.doc[a:b] if x.head.i < a or x.head.i >= b), None)
            add("pobj", [self.trim(a, b)], root)
        for c in kids:
            dep = c.dep_
            if dep in ("ccomp", "xcomp", "advcl", "pcomp", "acl", "oprd", "conj", "parataxis", "npadvmod"):
                if dep == "xcomp" and t.lemma_.lower() in PHASE_OR_ATTEMPT:
                    continue  # "continued [to warn that ...]": the claim is the inner verb's
                if t.dep_ == "relcl" and c.left_edge.i < t.i:  # "rules, which officials said will ..."
                    runs = self.gapped_clause(c)
                    add(f"{dep}-gap", runs, c)
                    cut = self.trailing_cut(c, *runs[-1]) if runs[-1] else None
                    if cut is not None:
                        add(f"{dep}-gap-cut", [*runs[:-1], cut], c)
                    continue
                span = self.subtree(c)
                if dep == "ccomp":
                    span = self.with_second_complement(t, span)
                if dep in ("ccomp", "xcomp"):
                    span = self.with_condition(t, span)
                add(dep, [span], c)
            elif dep in ("dobj", "attr", "acomp", "dative"):
                add(dep, [self.subtree(c)], c)
                if dep == "dobj":
                    add("dobj+", [self.object_with_complement(t, c)], c)
                for p in self.kids[c.i]:
                    if p.dep_ == "prep" and p.i > c.i:
                        pobj = self.prep_object(p)
                        if pobj is not None:
                            add(f"{dep}-prep:{p.lower_}", [self.subtree(pobj)], pobj)
            elif dep == "prep" and c.i > t.i:
                pobj = self.prep_object(c)
                # "cited [X] as Y" holds the claim in X (dobj+); "cited as Y" alone has only a predicate
                if pobj is not None and (c.lower_ != "as" or any(x.dep_ == "dobj" for x in kids)):
                    add(f"prep:{c.lower_}", [self.subtree(pobj)], pobj)
                    says_that = c.lower_ == "in" and cue is not None and "ccomp" in cue.frames
                    clause = self.misplaced_complement(pobj, own=says_that)
                    if clause is not None:  # "told X in a letter [that Y]": the parse hung Y on "letter"
                        add("ccomp", [self.subtree(clause)], clause)
            elif dep == "nsubjpass" and agent is not None:
                add("passive-agent", self.subject_with_complement(t, c) or [self.subtree(c)], c, agent=agent)
            elif dep == "nsubjpass" and not self.quoted_as_saying(t):
                # "[The harbour] is regarded [as a lifeline]", "[Ortiz] was proclaimed [the victor]"
                spans = self.subject_with_complement(t, c)
                if spans or c.pos_ != "PRON":  # "Not everyone is convinced": a pronoun alone is no claim
                    add("nsubjpass", spans or [self.subtree(c)], c)
        # "X is coming, he said"; "Quiet," he demanded; "The schedule, she said, [pleased] commuters"
        # (an adjective or a verb the tagger took for one)
        if t.dep_ in HEAD_SIDE and t.head.pos_ in ("VERB", "AUX", "ADJ"):
            add(f"head:{t.dep_}", self.around(t.head, t), t.head)
        raised = self.raised_clause(t) if t.lemma_.lower() in RAISING else None
        if raised is not None:
            add("raising", raised[0], raised[2])
        return out

    def misplaced_complement(self, noun: Token, own: bool = False) -> Token | None:
        """A that-clause the parse made a relative clause of ``noun`` though "that" only marks it (a
        relative "that" is the clause's subject or object, and this clause has its own subject): in
        "told the council in a letter that the pier would close" the clause is the verb's complement.
        ``own``: also a clause the parse made the noun's own ("acl"), for the noun of an "in" phrase
        under a verb that takes a that-clause -- the medium a speaker said it in ("said in a statement
        that ..."); elsewhere an "acl" that-clause is the noun's content ("pushed back on claims that
        ...", "is firm in his contention that ...")."""
        for c in self.kids[noun.i]:
            if self.dep[c.i] not in (("relcl", "acl") if own else ("relcl",)) or c.i < noun.i:
                continue
            kids = self.kids[c.i]
            if any(self.dep[m.i] == "mark" and self.lower[m.i] == "that" for m in kids) and any(
                self.dep[x.i] in ("nsubj", "nsubjpass") for x in kids
            ):
                return c
        return None

    def gapped_clause(self, c: Token) -> list[tuple[int, int] | None]:
        """The complement of a cue inside a relative clause, whose relative word opens the complement
        before the reporting clause: "the rules, [which] officials said [will take effect in May]" --
        the runs of the complement's own tokens."""
        runs: list[tuple[int, int] | None] = []
        start = prev = c.left_edge.i
        for x in c.subtree:
            if x.i > prev + 1:
                runs.append(self.trim(start, prev + 1))
                start = x.i
            prev = x.i
        runs.append(self.trim(start, prev + 1))
        return runs

    def raised_clause(self, t: Token) -> tuple[list[tuple[int, int]], Token, Token] | None:
        """The clause a raising verb hedges, "[The plan] seems [to be failing]", "[The crews] appeared
        [ready to strike]": its subject's and its complement's token ranges, with the subject and the
        complement. An "it" before a clause stands for nothing: "It seems [the plan will fail]"."""
        subj = next((c for c in self.kids[t.i] if c.dep_ in ("nsubj", "nsubjpass")), None)
        comp = next((c for c in self.kids[t.i] if c.dep_ in RAISED and c.i > t.i), None)
        if subj is None or comp is None:
            return None
        expletive = self.lower[subj.i] == "it" and comp.dep_ == "ccomp"
        ranges = (self.subtree(comp),) if expletive else (self.subtree(subj), self.subtree(comp))
        return sorted(r for r in ranges if r), subj, comp

    def prep_object(self, prep: Token) -> Token | None:
        """The object of a preposition: a noun phrase or a clause ("for *raising* taxes")."""
        return next((x for x in self.kids[prep.i] if x.dep_ in ("pobj", "pcomp")), None)

    def trailing_cut(self, root: Token, a: int, b: int) -> tuple[int, int] | None:
        """``[a, b)`` cut before the first trailing dependent of ``root`` set off by punctuation or
        attached loosely (an adverbial clause or phrase): "[X would win], *which* ...",
        "[X won] *in* 2012"."""
        for c in self.kids[root.i]:
            if c.i <= root.i:
                continue
            left = c.left_edge.i
            if not a < left < b:
                continue
            if self.lower[left - 1] in SET_OFF or self.dep[c.i] in ("advcl", "prep", "npadvmod"):
                cut = self.trim(a, left)
                if cut is not None and b - cut[1] >= 3:
                    return cut
                return None
        return None

    def variant_candidate(self, v: Variant, cue: Cue | None, cue_span: tuple[int, int]) -> Candidate:
        """The candidate a variant makes (quotations absorbed; the source not yet looked up)."""
        kind: Kind = "passive" if v.kind == "passive-agent" else "indirect"
        if v.kind == "raising":
            kind = "unattributed_hedge"
        if v.kind.startswith(("acomp-prep:", "a-prep:")) and v.root is not None:
            # the adjective and its preposition are the cue: "are skeptical about", "was critical of"
            prep = self.tok[v.root].head
            adj = prep.head
            end = prep.i + 1 if prep.i == adj.i + 1 else adj.i + 1
            if cue_span[1] <= adj.i and all(
                self.tok[i].pos_ in ("ADV", "PART", "ADJ") for i in range(cue_span[1], adj.i)
            ):
                cue_span = (cue_span[0], end)
            elif cue_span[0] <= adj.i < cue_span[1]:
                cue_span = (cue_span[0], max(cue_span[1], end))
        cand = Candidate(
            v.kind,
            kind,
            list(v.ranges),
            cue_span,
            cue,
            None,
            False,
            cue.cue_class if cue else None,
            content_root=v.root,
        )
        if v.kind == "raising" and cue is not None:
            cand.certainty = cue.certainty
            cand.hedge = self.doc[cand.cue[0] : cand.cue[1]].text  # type: ignore[index]
        self.absorb_quotes(cand)
        return cand

    def scored_variants(self, t: Token, model: CueModel | None = None) -> CueReading:
        """Cue features of ``t``, each variant with its candidate and features, and the head of ``t``'s
        source (with whether it is only the fallback guess).

        With ``model``, the score of the cue features too, and no variants when none can reach the
        model's threshold (by :class:`~kg.cue_model.VariantCeiling`): their candidates are not built."""
        cue, particle = self.lexicon_cue(t)
        variants = self.variants(t, cue, particle)
        if not variants:
            return CueReading([], [], None, False)
        if t.pos_ == "NOUN":
            head, fallback = self.nominal_source(t)
        else:  # an adjective's subject is its copula's: "[residents] are skeptical about"
            head, fallback = self.subject_head(t.head if t.pos_ == "ADJ" else t)
        subj = head if not fallback else None
        wc = class_of(t)  # once per cue: every variant's features name it too
        form = subject_form(subj)
        base = cue_features(t, subj, cue, self.nested_under(t), wc, form, self.kids[t.i])
        has_object = any(c.dep_ == "dobj" for c in self.kids[t.i])
        siblings = sibling_kinds(v.kind for v in variants)
        base_score = None
        if model is not None:
            base_score = model.score(base)
            if self.out_of_reach(model, t, base_score, variants, siblings, cue, form, has_object, wc):
                return CueReading(base, [], head, fallback, base_score)
        rows = []
        prt = particle or next((c for c in self.kids[t.i] if c.dep_ == "prt" and c.i == t.i + 1), None)
        cue_span = self.cue_range(t, prt)  # the cue as written: "came out", "called for"
        if t.pos_ == "ADJ" and all(x.pos_ in ("ADV", "PART") for x in self.tok[t.head.i + 1 : t.i]):
            cue_span = (self.cue_range(t.head)[0], cue_span[1])  # "was confident", "has been critical"
        cands = [self.variant_candidate(v, cue, cue_span) for v in variants]
        sides = {cand.content[-1][1] <= t.i for cand in cands}  # before the cue, after it, or both
        for v, cand in zip(variants, cands, strict=True):
            words = inside = 0
            for a, b in cand.content:
                n, q = self.count_words(a, b)
                words, inside = words + n, inside + q
            quoted = "none" if not inside else "all" if inside >= 0.8 * words else "part"
            first_word = self.next_word[cand.content[0][0]]
            first = self.tok[first_word].lower_ if first_word < cand.content[0][1] else ""
            root = self.tok[v.root] if v.root is not None else None
            before = cand.content[-1][1] <= t.i
            feats = variant_features(
                t,
                v.kind,
                root,
                words,
                before,
                quoted,
                first,
                cue,
                form,
                has_object,
                wc,
                rival=len(sides) == 2,
                siblings=siblings,
            )
            rows.append((v, cand, feats))
        return CueReading(base, rows, head, fallback, base_score)

    def out_of_reach(
        self,
        model: CueModel,
        t: Token,
        base_score: float,
        variants: list[Variant],
        siblings: frozenset[str],
        cue: Cue | None,
        form: str,
        has_object: bool,
        wc: WordClass | None,
    ) -> bool:
        """Whether no variant of cue ``t`` (its cue features scoring ``base_score``, its variants of the
        kinds ``siblings``) can reach ``model``'s threshold, whatever its span."""
        if model.threshold >= 1.0:
            return False  # at a threshold of 1 only saturated probabilities pass: pass nothing over
        need = model.log_odds_threshold - model.bias - base_score - CEILING_MARGIN
        cue_part = kind_inputs(self.lemma[t.i], self.pos[t.i], self.dep[t.i], cue, form, has_object, wc)
        bound = model.ceiling.of
        return all(bound(v.kind, cue_part, siblings) < need for v in variants)

    def count_words(self, a: int, b: int) -> tuple[int, int]:
        """Word tokens (not punctuation or space) in ``[a, b)``, and how many of them are quoted."""
        return self.words_before[b] - self.words_before[a], self.quoted_before[b] - self.quoted_before[a]

    def nominal_source(self, t: Token) -> tuple[Token | None, bool]:
        """The head of the source of a cue noun: its possessor ("Trump's call for"), its "by"/"from"
        phrase, else the subject of the verb it is the object of ("voiced support for", "responded with a
        claim that", "wrote in a statement that", "voted in favor of"; none for an agentless passive or a
        :data:`TARGET_VERBS` verb)."""
        poss = next((c for c in self.kids[t.i] if c.dep_ == "poss"), None)
        if poss is not None:
            return poss, False
        agent = self.noun_agent(t)
        if agent is not None:
            return agent, False
        verb = t.head
        if t.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("with", "in"):
            verb = verb.head  # "responded with a claim that", "wrote in a statement that"
        if t.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX"):
            if verb.lemma_.lower() in TARGET_VERBS:  # "the plan drew criticism from unions"
                return self.noun_agent(verb), False
            if self.passive_without_agent(verb):
                return None, False  # "was met with claims that"
            return self.subject_head(verb)  # "voiced support for", "has been a critic of"
        return None, False

    def noun_agent(self, t: Token) -> Token | None:
        """The agent of a cue noun in a "by" or "from" phrase after it: "a suggestion by her rival that",
        "a claim from the ministry that"."""
        for c in self.kids[t.i]:
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > t.i:
                pobj = next((x for x in self.kids[c.i] if x.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        return None

    def find_learned_cues(self, sent: SpacySpan, model: CueModel) -> None:
        """Cues chosen by the cue model: per verb, the best variant at or above the model's threshold."""
        for t in self.cue_candidates(sent, model.nouns):
            lemma = t.lemma_.lower()
            if self.passive_without_agent(t) and lemma in self.lex.passive_hedges:
                continue  # "it is believed that": a hedging passive
            if self.lex.switched_off(lemma, "noun" if t.pos_ == "NOUN" else "verb"):
                continue  # a user's lexicon that leaves out a packaged cue
            if t.i in self.renaming or self.rejoinder(t) is not None:
                continue  # "..., a claim he denies": find_rejoinders reads it
            if not knows(model, lemma) and self.lexicon_cue(t)[0] is not None:
                # a lexicon word the model has not seen often enough: the lexicon decides (verbs here,
                # nouns in find_nominal); other unseen words get the model's features that do not name them
                if t.pos_ != "NOUN":
                    self.lexicon_verb(t)
                continue
            _, rows, head, fallback, base_score = self.scored_variants(t, model)
            if not rows or base_score is None:
                continue
            scores = [model.score(r[2]) for r in rows]
            top = max(scores)
            best = rows[scores.index(top)]
            p = sigmoid(model.bias + base_score + top)
            if p < model.threshold:
                continue
            if lemma in RAISING:  # "The plan seems to be failing": the claim is the whole clause
                best = next((r for r in rows if r[0].kind == "raising"), best)
            v, cand, _ = best
            source = self.speaker(head, t) if head is not None else None
            agent = v.agent or next((c for c in self.kids[t.i] if c.dep_ == "agent"), None)
            if agent is not None and (v.kind == "passive-agent" or t.tag_ == "VBN"):
                # "was reported by journalists", "Asked by the moderator whether": the agent speaks
                pobj = next((c for c in self.kids[agent.i] if c.dep_ == "pobj"), None)
                source, fallback = (mention_of(pobj) if pobj is not None else None), False
            elif v.kind == "nsubjpass" or self.subject_not_source(t, self.lexicon_cue(t)[0]):
                source, fallback = None, False
            keep = v.root if v.root is not None else t.i
            cand.content = [r for r in (self.cut_reserved(x, keep) for x in cand.content) if r]
            if not cand.content or not all(self.free(a, b) for a, b in cand.content):
                continue
            if source is not None and (
                source.start <= t.i < source.end or any(a <= source.head < b for a, b in cand.content)
            ):
                continue
            cand.source, cand.source_fallback, cand.score = source, fallback, p
            if cand.kind == "direct":
                self.add_split_quotes(cand, t)
            self.add(cand)

    def with_second_complement(self, verb: Token, content: tuple[int, int] | None) -> tuple[int, int] | None:
        """Extend over a coordinated second that-clause of the same cue: "agreed that A but that B"."""
        if content is None:
            return None
        for c in self.kids[verb.i]:
            marked = any(m.dep_ == "mark" and m.lower_ == "that" for m in self.kids[c.i])
            if c.dep_ == "conj" and c.i >= content[1] and marked:
                return self.trim(content[0], c.right_edge.i + 1) or content
        return content

    def with_condition(self, verb: Token, content: tuple[int, int] | None) -> tuple[int, int] | None:
        """Extend a complement over a condition or reason the parse hung on its cue verb after it:
        "vowed [to close the port] *unless the strike ends*", "said [the toll is fair] *because ...*"."""
        if content is None:
            return None
        for c in self.kids[verb.i]:
            if c.dep_ == "advcl" and c.left_edge.i >= content[1] and self.is_condition(c):
                content = self.trim(content[0], c.right_edge.i + 1) or content
        return content

    def is_condition(self, clause: Token) -> bool:
        return any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in self.kids[clause.i])

    def raising_candidate(self, t: Token, cue: Cue) -> None:
        """ "The plan seems to be failing": nobody is quoted; the whole clause is a hedged claim."""
        raised = self.raised_clause(t)
        if raised is None:
            return
        content, subj, comp = raised
        if (subj.lower_ in PRONOUNS and subj.lower_ != "it") or not content:
            return
        if not all(self.free(*r) for r in content):
            return
        a, b = self.cue_range(t)
        self.add(
            Candidate(
                "raising",
                "unattributed_hedge",
                content,
                (a, b),
                cue,
                None,
                False,
                cue.cue_class,
                certainty=cue.certainty,
                hedge=self.doc[a:b].text,
                content_root=comp.i,
            )
        )

    def hedged_by_passive(self, t: Token) -> tuple[str, Certainty] | None:
        """The hedging passive a cue verb is the complement of, as written, with its certainty: "is said"
        in "He *is said* to have told aides that ...", "is understood" in "She is understood to have
        told colleagues ..."."""
        head = t.head
        if self.dep[t.i] != "xcomp" or self.pos[head.i] != "VERB" or not self.passive_without_agent(head):
            return None
        hedge = self.lex.passive_hedges.get(self.lemma[head.i])
        if hedge is None:
            return None
        a, b = self.passive_range(head)
        return self.doc[a:b].text, hedge.certainty

    def passive_range(self, verb: Token) -> tuple[int, int]:
        """A passive verb with its auxiliaries, as written: "is said", "are widely believed"."""
        aux = [c.i for c in self.kids[verb.i] if self.dep[c.i] == "auxpass"]
        return min([verb.i, *aux]), verb.i + 1

    def passive_without_agent(self, t: Token) -> bool:
        kids = {c.dep_ for c in self.kids[t.i]}
        return "auxpass" in kids and "agent" not in kids and not self.has_contracted(t)

    def has_contracted(self, t: Token) -> bool:
        """Whether the parse took a contracted "has" for a passive's "is": "she's predicted a landslide",
        "he's said that" (a personal subject, and an object or a clause after the participle; "it's
        believed that" stays a passive)."""
        kids = self.kids[t.i]
        return (
            t.tag_ in ("VBN", "VBD")
            and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "\u2019s") for c in kids)
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in PERSON_SUBJECTS for c in kids)
            and any(c.dep_ in ("dobj", "ccomp") for c in kids)
        )

    def subject_not_source(self, t: Token, cue: Cue | None) -> bool:
        """Whether the cue's subject (or the noun phrase before it) is *not* who is quoted: "X seems
        to ..." (the writer's hedge), an agentless passive ("he was asked whether", "voters were told
        that": the subject is who heard it), and a question cue's bare participle ("Asked about X, she
        said": the question is the reporter's)."""
        if t.lemma_.lower() in RAISING or self.passive_without_agent(t):
            return True
        if cue is None or cue.cue_class != "ask" or t.tag_ != "VBN":
            return False
        return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in self.kids[t.i])

    def verb_candidate(self, t: Token, cue: Cue, particle: Token | None) -> None:
        kids = list(self.kids[t.i])
        content: tuple[int, int] | None = None
        root: Token | None = None
        how = ""
        source: Mention | None = None
        fallback = False
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        if cue.particle is not None and particle is not None:
            a, b = self.particle_range(t, particle)
            content, how = self.trim(a, b), "pobj"
            root = next((x for x in self.doc[a:b] if x.head.i < a or x.head.i >= b), None)
        extra: list[tuple[int, int]] = []
        if content is None and "ccomp" in cue.frames | {"quote"}:
            comp = next((c for c in kids if c.dep_ == "ccomp"), None)
            if comp is not None and t.dep_ == "relcl" and comp.left_edge.i < t.i:
                runs = [r for r in self.gapped_clause(comp) if r]  # "rules, which officials said will ..."
                content, extra, root, how = runs[0], runs[1:], comp, "ccomp-gap"
            elif comp is not None:
                content, root, how = self.subtree(comp), comp, "ccomp"
                content = self.with_condition(t, self.with_second_complement(t, content))
        if content is None and t.dep_ == "parataxis" and ("ccomp" in cue.frames or "quote" in cue.frames):
            sides = self.around(t.head, t)
            if sides:
                content, extra, root, how = sides[0], sides[1:], t.head, "parataxis"
        if content is None and "xcomp" in cue.frames:
            comp = next(
                (
                    c
                    for c in kids
                    if c.dep_ == "xcomp"
                    and (
                        any(x.lower_ == "to" for x in self.kids[c.i]) or (_gerund(c) and "dobj" in cue.frames)
                    )
                ),
                None,
            )
            if comp is not None:
                content, root, how = self.with_condition(t, self.subtree(comp)), comp, "xcomp"
        if content is None and agent is not None:
            subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                content, root, how = self.subtree(subj), subj, "passive-agent"
        if content is None and "dobj" in cue.frames:
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            if obj is not None and not self.in_quote(obj.i):
                span = self.object_with_complement(t, obj)
                # a pronoun object counts only with its complement: "called [him divisive]"
                if obj.pos_ in ("NOUN", "PROPN") or (
                    obj.pos_ == "PRON" and span is not None and span[1] > obj.right_edge.i + 1
                ):
                    content, root, how = span, obj, "dobj"
        content = self.cut_reserved(content, root.i if root is not None else t.i)
        if content is None:
            return
        if agent is not None and how == "passive-agent":
            pobj = next((c for c in self.kids[agent.i] if c.dep_ == "pobj"), None)
            source = mention_of(pobj) if pobj is not None else None
        elif not self.subject_not_source(t, cue):
            source, fallback = self.subject_of(t)
        if source is not None and source.start <= t.i < source.end:
            return
        a, b = content
        if not self.free(a, b) or (source is not None and a <= source.head < b):
            return
        kind: Kind = "passive" if how == "passive-agent" else "indirect"
        cand = Candidate(
            how,
            kind,
            [content, *extra],
            self.cue_range(t, particle),
            cue,
            source,
            fallback,
            cue.cue_class,
            content_root=root.i if root is not None else None,
        )
        self.absorb_quotes(cand)
        if cand.kind == "direct":
            self.add_split_quotes(cand, t)
        self.add(cand)

    def add_split_quotes(self, cand: Candidate, verb: Token) -> None:
        """'"A," she said, "B."': a second complement of the same cue in another quotation."""
        chains = {self.quotes[q].chain for a, b in cand.content for q in self.quote_of[a:b] if q is not None}
        related = [c for c in self.kids[verb.i] if c.dep_ in ("ccomp", "parataxis", "conj")]
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i > verb.i:
            related.append(verb.head)  # the parse may hang the reporting clause on B: "said" <- "win"
        before = self.quote_before_clause(verb)  # the parse may hang A on the verb: '"For us," X said'
        for comp in [*related, *([before] if before is not None else [])]:
            q = self.quote_of[comp.i]
            if q is not None and self.quotes[q].chain not in chains:
                segs = [s for s in self.quotes if s.chain == self.quotes[q].chain]
                chains.add(self.quotes[q].chain)
                cand.chars = sorted(cand.chars + [(s.start, s.end) for s in segs])
                cand.content = sorted(cand.content + [self.char_to_tokens(s.start, s.end) for s in segs])

    def quote_before_clause(self, verb: Token) -> Token | None:
        """The last quoted word of a quotation that the reporting clause of ``verb`` (its subject, when
        the subject comes first, and the verb) splits off, in the same sentence: '"For us," [Ms. Ruiz
        concluded], "..."' (a comma ends it, inside the marks or after them)."""
        subj = next((c for c in self.kids[verb.i] if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
        i = (subj.left_edge.i if subj is not None else verb.i) - 1
        comma = False
        while i >= 0 and not self.in_quote(i) and (self.tok[i].is_punct or self.is_space[i]):
            comma, i = comma or self.lower[i] == ",", i - 1
        if i < 0 or not self.in_quote(i) or self.sent_start[i] != self.sent_start[verb.i]:
            return None
        return self.tok[i] if comma or self.lower[i] == "," else None

    def absorb_quotes(self, cand: Candidate) -> None:
        """A content that lies inside a quotation becomes the whole quotation (direct); one that
        contains part of a quotation is extended over it (mixed)."""
        a, b = cand.content[0]
        if self.quote_tokens_before[b] == self.quote_tokens_before[a]:
            return  # no token of it is quoted
        touched = sorted({q for q in self.quote_of[a:b] if q is not None})
        words, inside = self.count_words(a, b)
        if inside >= 0.8 * max(words, 1):
            chain = self.quotes[touched[0]].chain
            segs = [q for q in self.quotes if q.chain == chain]
            cand.kind = "direct"
            cand.chars = [(q.start, q.end) for q in segs]
            cand.content = [self.char_to_tokens(q.start, q.end) for q in segs]
            cand.content_root = self.clause_root(*cand.content[0])
            if cand.how == "ccomp":
                cand.how = "quote-cue"
            return
        cand.kind = "mixed"
        first, last = self.quotes[touched[0]], self.quotes[touched[-1]]
        na = min(a, self.char_to_tokens(first.start, first.end)[0])
        nb = max(b, self.char_to_tokens(last.start, last.end)[1])
        cand.content = [(na, nb)]

    def clause_root(self, a: int, b: int) -> int | None:
        """The quote's first clause: the first verb in ``[a, b)`` with its own subject, else the
        first verb whose head lies outside the range."""
        verbs = [i for i in range(a, b) if self.pos[i] in ("VERB", "AUX")]
        for i in verbs:
            if any(c.dep_ in SUBJECTS for c in self.kids[i]):
                return i
        for i in verbs:
            if self.heads[i] == i or not a <= self.heads[i] < b:
                return i
        return None

    def char_to_tokens(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand mode always aligns inside the text
            raise ValueError(f"cannot align [{start}, {end})")
        return span.start, span.end

    def find_according_to(self, sent: SpacySpan) -> None:
        lower = self.lower
        for i in range(sent.start, min(sent.end, len(lower) - 1)):
            if lower[i] != "according" or lower[i + 1] != "to":
                continue
            pobj = next((c for c in self.kids[i + 1] if c.dep_ == "pobj"), None)
            if pobj is not None:
                self.phrase_candidate("according", (i, i + 2), pobj, None)

    def find_inverted_parentheticals(self, sent: SpacySpan) -> None:
        """A reporting clause inverted and set off inside its content: "The plan, *said one aide*,
        would cut taxes". The parse makes the content's subject the verb's ("plan" nsubj of "said"), or
        the speaker the content's ("Turnout, said Ms. Lopez, the county clerk, had doubled"); the commas
        and the finite verb after the speaker say which is which. The content is both sides."""
        lower, pos = self.lower, self.pos
        for v in range(sent.start + 2, sent.end - 2):
            if pos[v] != "VERB" or lower[v - 1] != "," or self.in_quote(v):
                continue
            t = self.tok[v]
            if t.tag_ not in ("VBD", "VBZ", "VBP"):
                continue  # "Mr. Biden, recalling ..., described": a participle modifies the subject
            cue, particle = self.lexicon_cue(t)
            if cue is None or particle is not None or "quote" not in cue.frames or self.after_quotation(t):
                continue
            speaker = self.inverted_speaker(v, sent.end)
            if speaker is None:
                continue
            head, close, goes_on = speaker
            before = self.trim(sent.start, v - 1)
            after = self.trim(close + 1, sent.end)
            if before is None or after is None or not self.free(*before) or not self.free(*after):
                continue
            if any(self.tok[i].tag_ in FINITE and self.dep[i] in MAIN_CLAUSE for i in range(*before)):
                continue  # "Voters want change, said Brooks, ...": the content ended before the verb
            if "," in lower[before[0] : before[1]]:
                continue  # "Aides to the governor, a former prosecutor, said ...": the speaker's apposition
            self.add(
                Candidate(
                    "parenthetical",
                    "indirect",
                    [before, after],
                    self.cue_range(t),
                    cue,
                    self.speaker(head, t),
                    False,
                    cue.cue_class,
                    content_root=self.heads[goes_on] if self.dep[goes_on].startswith("aux") else goes_on,
                )
            )

    def inverted_speaker(self, v: int, end: int) -> tuple[Token, int, int] | None:
        """The head of the noun phrase right after verb ``v``, the comma that closes it and the finite
        verb that goes on after that comma (after adverbs): "said [one aide], *would*", "said [Ms.
        Lopez, the county clerk], *had*"."""
        first = v + 1
        comma = next((i for i in range(first, end) if self.lower[i] == ","), None)
        if comma is None or comma == first:
            return None
        heads = [i for i in range(first, comma) if not first <= self.heads[i] < comma]
        if len(heads) != 1 or self.pos[heads[0]] not in ("NOUN", "PROPN", "PRON"):
            return None
        head = self.tok[heads[0]]
        if head.ent_type_ in NOT_A_SPEAKER:
            return None  # "The deal, announced Friday, would last four years"
        if head.left_edge.i != first:
            return None
        close = head.right_edge.i if self.lower[head.right_edge.i] == "," else head.right_edge.i + 1
        if close >= end or self.lower[close] != ",":
            return None
        nxt = close + 1
        while nxt < end and self.pos[nxt] == "ADV":
            nxt += 1
        if nxt >= end or self.tok[nxt].tag_ not in FINITE:
            return None
        return head, close, nxt

    def find_trailing_reporting_clause(self, sent: SpacySpan) -> None:
        """ "The strike could last weeks, sources said.": a reporting clause that ends the sentence after
        a comma, when the parse gave its verb no complement (it made "last" an adjective, say) and so no
        record: the words before the comma are the content."""
        for v in range(sent.end - 1, sent.start, -1):
            if self.pos[v] in ("VERB", "AUX"):
                break
        else:
            return
        if self.reserved[v] or self.in_quote(v) or self.dep[v] == "relcl":
            return  # (", who added": the clause before is no content of the relative's)
        t = self.tok[v]
        cue, particle = self.lexicon_cue(t)
        if (
            cue is None
            or particle is not None
            or "say" not in (cue.cue_class, BROADER.get(cue.cue_class or ""))
        ):
            return
        if self.after_quotation(t):
            return
        if any(self.dep[c.i] in ("ccomp", "xcomp", "dobj", "parataxis") for c in self.kids[v]):
            return  # the parse gave it a complement: the learned cues have read it
        # its subject right before it (the parse may make the content's subject a second one)
        subj = max(
            (c for c in self.kids[v] if self.dep[c.i] == "nsubj" and c.i < v), key=lambda c: c.i, default=None
        )
        if subj is None or subj.right_edge.i + 1 != v:
            return
        comma = subj.left_edge.i - 1
        if comma <= sent.start or self.lower[comma] != ",":
            return
        content = self.trim(sent.start, comma)
        if content is None or not self.free(*content):
            return
        first = self.next_word[content[0]]
        if self.pos[first] not in NP_START or not any(self.tok[i].tag_ in FINITE for i in range(*content)):
            return  # a clause opened by its subject, not a phrase: "In the text accompanying the video,"
        self.add(
            Candidate(
                "trailing-clause",
                "indirect",
                [content],
                self.cue_range(t),
                cue,
                self.speaker(subj, t),
                False,
                cue.cue_class,
                content_root=self.clause_root(*content),
            )
        )

    def rejoinder(self, t: Token) -> tuple[Token, int] | None:
        """A reporting verb in a relative clause that renames the clause before a comma: "..., a figure
        the army disputed", "..., a charge he denies", "..., which she disputes" (a denial: "which the
        company owns" renames nothing). The word that stands for the clause (the noun, or "which") and
        the comma's index."""
        i = t.i
        dep = self.dep[i]
        if self.pos[i] != "VERB" or self.in_quote(i):
            return None
        if dep not in ("relcl", "acl"):
            return self.fused_rejoinder(t)
        kids = self.kids[i]
        cue = self.lexicon_cue(t)[0]
        if cue is None or not any(self.dep[c.i] == "nsubj" for c in kids):
            return None  # "a view shared by many": no one in the clause says it
        if any(self.dep[c.i] in ("xcomp", "ccomp") for c in kids):
            return None  # "a point he likes to make": the verb that renames is another
        which = next((c for c in kids if self.dep[c.i] == "dobj" and self.lower[c.i] == "which"), None)
        if which is not None:  # a denial: "The plan, which the mayor announced, ..." renames no clause
            if which.i == t.left_edge.i and cue.stance == "deny":
                return which, which.i - 1
            return None
        noun = t.head
        if (
            noun.i > i
            or self.lemma[noun.i] not in RENAMING_NOUNS
            or any(self.dep[c.i] == "dobj" and self.lower[c.i] not in RELATIVE for c in kids)
        ):
            return None
        return noun, noun.left_edge.i - 1

    def fused_rejoinder(self, t: Token) -> tuple[Token, int] | None:
        """A rejoinder the parse read as a clause of its own, the noun fused into its subject: "...,
        [a charge Democratic negotiators] rejected", "..., [an assessment engineers] rejected on
        Friday" (the clause renamed made its complement, or another verb's)."""
        kids = self.kids[t.i]
        subj = next((c for c in kids if self.dep[c.i] == "nsubj"), None)
        if subj is None or self.lexicon_cue(t)[0] is None:
            return None
        first = subj.left_edge.i
        noun = first + 1
        if (
            noun >= subj.i
            or self.lower[first] not in ("a", "an")
            or self.pos[noun] != "NOUN"
            or self.lemma[noun] not in RENAMING_NOUNS
            or self.lower[first - 1] not in SET_OFF
            or any(self.dep[c.i] in ("dobj", "ccomp", "xcomp") and c.i > t.i for c in kids)
        ):
            return None
        return self.tok[noun], first - 1

    def reserve_rejoinders(self, sent: SpacySpan) -> None:
        """Find the sentence's rejoinders (:meth:`rejoinder`) whose verb is a cue, and mark them before
        other cues are read, so that no content runs into one (:meth:`cut_reserved`): "blamed [the
        outage on the utility], which the company denies". :meth:`find_rejoinders` makes their records."""
        for i in range(sent.start, sent.end):
            if self.pos[i] != "VERB":
                continue
            t = self.tok[i]
            found = self.rejoinder(t)
            if found is None or self.lex.switched_off(self.lemma[i], "verb"):
                continue
            cue = self.lexicon_cue(t)[0]
            word, comma = found
            if cue is None or comma <= sent.start or self.lower[comma] not in SET_OFF:
                continue
            for x in range(comma + 1, t.right_edge.i + 1):
                self.reserved[x] = True
            self.renaming.add(word.i)
            self.pending_rejoinders.append(_Rejoinder(t, cue, word, comma, sent.start))

    def find_rejoinders(self) -> None:
        """The records of the rejoinders :meth:`reserve_rejoinders` found, once every other record is
        made. When a record has the clause renamed -- its content, cue or source ends at the comma, or
        its cue is in the clause ("The ministry said [40 were killed], a figure ...", "He was charged
        with fraud, which he denies") -- the rejoinder answers that record, and its content is the word
        standing for the clause ("a figure", "which"); when none has, the clause is the content."""
        for t, cue, word, comma, start in self.pending_rejoinders:
            i = t.i
            owner = self.ending_at(comma, start)
            # the word standing for the clause ("a figure", "which"), or the clause
            content = self.trim(comma + 1, word.i + 1) if owner is not None else self.trim(start, comma)
            if content is None or not self.free(*content):
                continue
            subj = next(c for c in self.kids[i] if self.dep[c.i] == "nsubj")
            cand = Candidate(
                "rejoinder",
                "indirect",
                [content],
                self.cue_range(t),
                cue,
                mention_of(subj, floor=word.i + 1, cue=i),  # (not "a charge" of a fused subject)
                False,
                cue.cue_class,
                content_root=word.i if owner is not None else self.clause_root(*content),
                answers=owner,
            )
            self.add(cand)

    def ending_at(self, comma: int, start: int) -> Candidate | None:
        """The attribution a rejoinder after token ``comma`` renames, in the clause from token ``start``:
        the latest whose content, cue or source ends at the comma (punctuation between them aside), else
        the latest whose cue lies in the clause."""
        in_clause = None
        for cand in reversed(self.cands):
            parts = [*cand.content, cand.cue, (cand.source.start, cand.source.end) if cand.source else None]
            end = max(b for _, b in filter(None, parts))
            if start < end <= comma and all(self.tok[x].is_punct for x in range(end, comma)):
                return cand
            if in_clause is None and cand.cue is not None and start <= cand.cue[0] < comma:
                in_clause = cand
        return in_clause

    def find_source_phrases(self, sent: SpacySpan) -> None:
        """The lexicon's prep cues: "*In* the latest *poll*, the mayor leads by six points"."""
        pos, dep, heads = self.pos, self.dep, self.heads
        for i in range(sent.start, sent.end):
            if (
                pos[i] != "ADP"
                or dep[i] != "prep"
                or self.in_quote(i)
                or pos[heads[i]] not in ("VERB", "AUX")
            ):
                continue
            if i > heads[i]:
                continue  # after the verb it is a standing, not a source: "she leads in the polls"
            t = self.tok[i]
            pobj = self.prep_object(t)
            cue = self.lex.source_phrase(t.lower_, pobj.lemma_.lower()) if pobj is not None else None
            if pobj is not None and cue is not None:
                self.phrase_candidate("source-phrase", (t.i, t.i + 1), pobj, cue)

    def phrase_candidate(self, how: str, cue_span: tuple[int, int], pobj: Token, cue: Cue | None) -> None:
        """An attribution by a phrase naming its source ("according to X", "in a poll"; ``cue`` is the
        lexicon's entry, none for "according to", a *say*): the clause it modifies, around the phrase,
        is the content."""
        clause = self.tok[cue_span[0]].head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        pp = (cue_span[0], pobj.right_edge.i + 1)
        if pp[0] > clause.i:
            # after its clause, it speaks for all the clauses coordinated before: "The county lost the
            # ballots, and clerks hid the losses, according to an audit"
            while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
                clause = clause.head
        spans = [x for x in (self.cut_reserved(x, pp[1]) for x in self.around_phrase(clause, pp)) if x]
        if not spans or not all(self.free(*x) for x in spans):
            return
        cand = Candidate(
            how,
            "according_to",
            spans,
            cue_span,
            cue,
            mention_of(pobj),
            False,
            cue.cue_class if cue is not None else "say",
            content_root=clause.i,
        )
        if cue is not None:
            cand.stance, cand.certainty = cue.stance, cue.certainty
        self.absorb_quotes(cand)
        if cand.kind == "direct":
            cand.kind = "according_to"
        self.add(cand)

    def around_phrase(self, clause: Token, pp: tuple[int, int]) -> list[tuple[int, int]]:
        """The content an "according to" phrase ``pp`` attributes within ``clause``: the clause
        after it, or before it, or both sides when it is inserted ("X, according to Y, did Z");
        when the phrase sits just before a reporting verb's complement ("reported that, according
        to Y, Z"), that complement."""
        a, b = clause.left_edge.i, clause.right_edge.i + 1
        if pp[0] <= a + 1:
            return [x for x in [self.trim(pp[1], b)] if x]
        before, after = self.trim(a, pp[0]), self.trim(pp[1], b)
        comp = next((c for c in self.kids[clause.i] if c.dep_ in ("ccomp", "dobj") and c.i >= pp[1]), None)
        between = self.doc[clause.i + 1 : pp[0]]
        if (
            comp is not None
            and self.lex.verb(clause.lemma_.lower()) is not None
            and clause.i < pp[0]
            and all(x.is_punct or x.lower_ == "that" for x in between)
        ):
            return [x for x in [self.trim(pp[1], comp.right_edge.i + 1)] if x]
        if before is None or after is None or self.tok[pp[1]].text != ",":
            return [x for x in [before or after] if x]
        joint = range(pp[1], after[0] + 1)
        if any(self.lower[k] in CONTRAST for k in joint):
            return [before]  # "X died, according to Y, though officials put it at Z"
        # "X paid 25 percent, according to Y, and Z paid 69 percent": the "and" joins the two
        after = (next((k for k in joint if self.pos[k] == "CCONJ"), after[0]), after[1])
        # "The bridge, according to engineers, is safe[, but residents ...]"
        turn = next((k for k in range(after[0] + 1, after[1]) if self.contrast_at(k)), None)
        return [before, after if turn is None else (after[0], turn - 1)]

    def contrast_at(self, k: int) -> bool:
        """Token ``k`` turns to another clause after a comma: ", but ...", ", though ..."."""
        return self.lower[k] in CONTRAST and self.lower[k - 1] == ","

    def find_nominal(self, sent: SpacySpan) -> None:
        pos = self.pos
        for i in range(sent.start, sent.end):
            if pos[i] != "NOUN" or self.in_quote(i) or i in self.renaming:
                continue  # (a rejoinder's noun: "..., a claim the city dismissed" holds no claim of its own)
            t = self.tok[i]
            cue = self.lex.noun(self.lemma[i])
            # "reports came out that ...": a cue noun as the subject of an emerge verb with a clause
            if (
                t.dep_ == "nsubj"
                and t.head.lemma_ in EMERGE_VERBS
                and (cue or t.lemma_ in ("update", "news"))
            ):
                verb = t.head
                comp = next((c for c in self.kids[verb.i] if c.dep_ == "ccomp"), None)
                if comp is not None and self.lex.verb(verb.lemma_) is None:
                    content = self.cut_reserved(self.subtree(comp), comp.i)
                    prt = next((c for c in self.kids[verb.i] if c.dep_ == "prt"), None)
                    if content and self.free(*content):
                        cand = Candidate(
                            "emerge",
                            "indirect",
                            [content],
                            self.cue_range(verb, prt),
                            cue,
                            mention_of(t),
                            False,
                            cue.cue_class if cue else "report",
                            content_root=comp.i,
                        )
                        self.absorb_quotes(cand)
                        self.add(cand)
                    continue
            if cue is None:
                continue
            comp = next(
                (
                    c
                    for c in self.kids[t.i]
                    if c.dep_ in ("acl", "ccomp", "relcl", "appos")
                    and any(x.lower_ == "that" and x.dep_ == "mark" for x in self.kids[c.i])
                ),
                None,
            )
            if comp is None:
                continue
            content = self.subtree(comp)
            if content is None or not self.free(*content):
                continue
            head, _ = self.nominal_source(t)
            source = self.speaker(head, t) if head is not None else None
            cand = Candidate(
                "nominal",
                "indirect",
                [content],
                (t.i, t.i + 1),
                cue,
                source,
                False,
                cue.cue_class,
                content_root=comp.i,
            )
            self.absorb_quotes(cand)
            self.add(cand)

    def find_passive_hedges(self, sent: SpacySpan) -> None:
        for i in range(sent.start, sent.end):
            hedge = self.lex.passive_hedges.get(self.lemma[i])
            if hedge is None or self.pos[i] != "VERB" or self.in_quote(i):
                continue
            t = self.tok[i]
            if not self.passive_without_agent(t):
                continue
            kids = list(self.kids[t.i])
            comp = next((c for c in kids if c.dep_ == "ccomp"), None)
            xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
            subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
            if comp is not None:
                content, root = self.subtree(comp), comp
            elif xcomp is not None and self.reports_under_hedge(xcomp):
                continue  # "The minister is believed to have warned the cabinet that ...": a hedged warning
            elif xcomp is not None and subj is not None:
                content, root = self.trim(subj.left_edge.i, xcomp.right_edge.i + 1), t
            else:
                continue
            content = self.cut_reserved(content, root.i)  # "..., an accusation he has denied"
            if content is None or not self.free(*content):
                continue
            cue = self.passive_range(t)
            cand = Candidate(
                "passive-hedge",
                "unattributed_hedge",
                [content],
                cue,
                None,
                None,
                False,
                (self.lex.verb(t.lemma_.lower()) or _NO_CUE).cue_class,
                certainty=hedge.certainty,
                hedge=self.doc[cue[0] : cue[1]].text,
                content_root=root.i,
            )
            self.add(cand)

    def reports_under_hedge(self, x: Token) -> bool:
        """Whether ``x``, the complement of a hedging passive, is a verb of saying with a record: one
        found already, or the lexicon's now for a clause it reports (hedged by :meth:`add`). Not
        another cue or object: "The Times is expected [to endorse] her", "The leaders were expected [to
        discuss] the battle" stay the writer's hedged expectations."""
        if any(c.cue is not None and c.cue[0] <= x.i < c.cue[1] for c in self.cands):
            return True
        cue = self.lexicon_cue(x)[0]
        if (
            cue is None
            or "say" not in (cue.cue_class, BROADER.get(cue.cue_class or ""))
            or not any(self.dep[c.i] == "ccomp" for c in self.kids[x.i])
        ):
            return False
        n = len(self.cands)
        if self.pos[x.i] == "VERB" and not self.in_quote(x.i):
            self.lexicon_verb(x)
        return len(self.cands) > n

    def find_adverb_hedges(self, sent: SpacySpan) -> None:
        for i in range(sent.start, sent.end):
            hedge = self.lex.adverb_hedges.get(self.lower[i])
            if hedge is None or self.dep[i] != "advmod" or self.in_quote(i):
                continue
            t = self.tok[i]
            owner = self.owner_of(t.i) or next(
                (c for c in self.cands if c.cue and c.cue[0] <= t.head.i < c.cue[1]), None
            )
            if owner is not None:
                owner.hedge = owner.hedge or t.text
                owner.certainty = weaker(owner.certainty, hedge.certainty)
                continue
            if hedge.form != "adverb":  # "perhaps" alone is the writer's own hedge, nobody's claim
                continue
            clause = t.head
            while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
                clause = clause.head
            content = self.cut_reserved(self.subtree(clause), clause.i)
            if content is None or not self.free(*content):
                continue
            self.add(
                Candidate(
                    "adverb-hedge",
                    "unattributed_hedge",
                    [content],
                    None,
                    None,
                    None,
                    False,
                    None,
                    certainty=hedge.certainty,
                    hedge=t.text,
                    content_root=clause.i,
                )
            )

    def owner_of(self, i: int) -> Candidate | None:
        for c in self.cands:
            if any(a <= i < b for a, b in c.content):
                return c
        return None

    def find_colon_speakers(self) -> None:
        """Headlines and transcripts: "Hale: Levy Won't Be on the Ballot", "WALLACE: Let's start ..."."""
        for m in SPEAKER_COLON.finditer(self.text):
            speaker, rest = m.span(1), m.span(2)
            raw = self.text[speaker[0] : speaker[1]].split()
            words = [w.lower().replace(".", "") for w in raw]
            if not words or words[0] in NOT_SPEAKERS or words[-1] in NOT_SPEAKERS or len(words) > 5:
                continue
            if len(words) == 1 and words[0] in LABELS:
                continue
            if any(w in HEADING_WORDS for w in raw):  # a section heading: "Little Relief for Refugees:"
                continue
            if self.in_boilerplate(speaker[0]):
                continue
            sa, sb = self.char_to_tokens(*speaker)
            ca, cb = self.char_to_tokens(*rest)
            content = self.trim(ca, cb)
            if content is None:
                continue
            chars = _char_range(self.doc, *content)
            if NOT_A_CLAIM.fullmatch(self.text[chars[0] : chars[1]]):
                continue
            # a transcript's speaker ("JAKE TAPPER: ..."): capitals throw the tagger, and the line is
            # the speaker's whatever the cues inside it say
            transcript = all(w.isupper() and w.isalpha() for w in raw) and len("".join(raw)) > 2
            if not transcript and (
                not self.free(*content)
                or any(self.tok[i].pos_ in ("VERB", "AUX") for i in range(sa, sb))
                or not any(self.tok[i].pos_ in ("PROPN", "NOUN") for i in range(sa, sb))
            ):
                continue
            if transcript and any(
                c.kind == "direct" and c.content[0][0] <= content[0] < c.content[-1][1] for c in self.cands
            ):
                continue
            colon = sb if sb < len(self.doc) and self.tok[sb].text == ":" else sb - 1
            # "Minister Ana Costa:"; a headline's "CNN President On Trump:" is the president's
            end = next((i for i in range(sa + 1, sb) if self.pos[i] == "ADP" and self.lower[i] != "of"), sb)
            source = span_mention(self.doc, sa, end, end - 1)
            cand = Candidate(
                "colon-speaker",
                "direct",
                [content],
                (colon, colon + 1),
                None,
                source,
                False,
                "say",
                content_root=self.clause_root(*content),
            )
            qs = [q for q in self.quotes if q.start <= chars[0] < q.end or chars[0] <= q.start < chars[1]]
            cand.kind = "direct" if qs else "indirect"
            if len(qs) == 1 and self.whole_line(qs[0], chars):  # 'Quill: "The pier will reopen"'
                q = qs[0]
                cand.chars = [(q.start, q.end)]
                cand.content = [self.char_to_tokens(q.start, q.end)]
                cand.content_root = self.clause_root(*cand.content[0])
            self.add(cand)
            for q in qs:  # the paragraph's quote segment belongs to this speaker only
                self.claim_tokens([self.char_to_tokens(q.start, q.end)])
            if transcript:  # the line is quoted speech: no cue inside it speaks, as in a quotation
                a, b = content
                self.cands = [c for c in self.cands if c.cue is None or not a <= c.cue[0] < b]

    def whole_line(self, q: Quote, chars: tuple[int, int]) -> bool:
        """Whether quotation segment ``q``, closed, is all of the line ``chars`` but end punctuation."""
        if q.close_mark is None or not chars[0] <= q.open_mark < q.close_mark < chars[1]:
            return False
        outside = self.text[chars[0] : q.open_mark] + self.text[q.close_mark + 1 : chars[1]]
        return not outside.strip(" .,;:!?")

    # ------------------------------------------------------------------ direct quotations
    def find_quotes(self) -> None:
        last: Candidate | None = None
        for chain in quote_chains(self.quotes):
            first_tok = self.char_to_tokens(chain[0].start, chain[0].end)[0]
            owner = self.owner_of(first_tok)
            if owner is not None:
                if owner.kind == "direct":
                    last = owner
                continue
            if self.in_boilerplate(chain[0].start):
                continue
            speaker = self.latest_speaker(first_tok, last)
            if self.options.join_quotes and speaker is not None and self.joins(chain, speaker):
                speaker.chars = _content_chars(self.doc, speaker) + [(q.start, q.end) for q in chain]
                speaker.content += [self.char_to_tokens(q.start, q.end) for q in chain]
                self.claim_tokens(speaker.content)
                continue
            cand = self.quote_candidate(chain, speaker)
            if cand is not None:
                self.add(cand)
                last = cand

    def latest_speaker(self, tok: int, last: Candidate | None) -> Candidate | None:
        """The attribution a quotation starting at token ``tok`` continues if it has no reporting
        clause of its own: ``last``, the latest direct quotation, unless reported speech (a cue of the
        "say" class or one narrower) with a source ends after it and before ``tok`` ('Hale said the
        pier was safe. "We checked every pile."')."""
        end = last.content[-1][1] if last is not None and last.content else -1
        speaker = last
        for c in self.cands:
            if (
                c.kind == "indirect"
                and (c.cue_class == "say" or BROADER.get(c.cue_class or "") == "say")
                and c.source is not None
                and c.content
                and end < c.content[-1][1] <= tok
            ):
                speaker, end = c, c.content[-1][1]
        return speaker

    def joins(self, chain: list[Quote], last: Candidate) -> bool:
        """Whether a quotation continues ``last``'s in the same paragraph with no reporting clause of
        its own after it ('"A," she said. "B."', or 'She said A. "B."'): PolNeAR's convention joins
        them."""
        first_tok = self.char_to_tokens(chain[0].start, chain[0].end)[0]
        end_tok = self.char_to_tokens(chain[-1].start, chain[-1].end)[1]
        return (
            (last.kind == "indirect" or (last.kind == "direct" and bool(last.chars)))
            and self.paragraph_of[first_tok] == self.paragraph_of[last.content[-1][0]]
            and self.cue_near(end_tok, forward=True) is None
            and self.dash_speaker(end_tok) is None
        )

    def quote_candidate(self, chain: list[Quote], last: Candidate | None) -> Candidate | None:
        start_tok = self.char_to_tokens(chain[0].start, chain[0].end)[0]
        end_tok = self.char_to_tokens(chain[-1].start, chain[-1].end)[1]
        words = self.count_words(start_tok, end_tok)[0]
        spans = [(q.start, q.end) for q in chain]
        if len(chain) == 1 and _title_like(self.text[chain[0].start : chain[0].end]):
            return None  # a title or name in quotes: "State of the Union", "Morning Joe"
        # 1. a reporting clause right after the quote, in the same sentence
        after = self.cue_near(end_tok, forward=True)
        if after is not None:
            verb, cue = after
            source, fallback = self.subject_of(verb)
            spans += self.split_continuation(verb, chain)
            return self.direct(spans, "quote-cue", verb, cue, source, fallback)
        # 1b. a dash and a name after the quote: "...” ― Sonya Herridge"
        dash = self.dash_speaker(end_tok)
        if dash is not None:
            cand = Candidate(
                "quote-dash",
                "direct",
                [self.char_to_tokens(a, b) for a, b in spans],
                (dash.start - 1, dash.start),
                None,
                dash,
                False,
                "say",
            )
            cand.chars = spans
            cand.content_root = self.clause_root(*cand.content[0])
            return cand
        # 2. a reporting clause before it ("X said:", "X told reporters,")
        before = self.cue_near(start_tok, forward=False)
        if before is not None:
            verb, cue = before
            source, fallback = self.subject_of(verb)
            return self.direct(spans, "quote-colon", verb, cue, source, fallback)
        # 3. a quote that continues the previous speaker
        if words < MIN_QUOTE_WORDS and not self.whole_sentence(start_tok, end_tok, chain[-1]):
            return None  # a scare quote or a title; but a short sentence quoted whole is speech
        if (
            last is not None
            and last.content
            and self.paragraph_of[start_tok] - self.paragraph_of[last.content[-1][1] - 1]
            <= CONTINUATION_WINDOW
        ):
            cand = Candidate(
                "quote-continuation",
                "direct",
                [],
                last.cue,
                last.cue_entry,
                last.source,
                last.source_fallback,
                last.cue_class,
            )
            cand.chars = spans
            cand.content = [self.char_to_tokens(a, b) for a, b in spans]
            cand.content_root = self.clause_root(*cand.content[0])
            return cand
        return None

    def whole_sentence(self, start: int, end: int, last: Quote) -> bool:
        """Whether tokens ``[start, end)`` of a quotation (whose last segment is ``last``) are whole
        sentences, the end mark inside the quote marks: '"Not once."', '"Never!"'."""
        said = self.text[last.start : last.end].rstrip()
        if said[-1:] not in (".", "!", "?") or NOT_A_CLAIM.fullmatch(said[:-1]):
            return False  # (a link quoted whole says nothing: '"http://nyti.ms/1RH."')
        first, n = self.sent_start[start], len(self.tok)
        after = end
        while after < n and self.sent_start[after] == self.sent_start[end - 1]:
            after += 1
        return all(
            self.tok[i].is_punct or self.tok[i].is_space for i in (*range(first, start), *range(end, after))
        )

    def speaker_after(self, verb: Token) -> Token | None:
        """The speaker of an inverted reporting clause ('"...," said Dana Whitfield', '"...," tweeted
        spokesman Tom Hale') when the parse gave the verb no subject: the head of the noun phrase
        right after the verb (the small model often makes it the verb's object, or an appositive of the
        quotation)."""
        doc, end = self.tok, verb.sent.end
        i = verb.i + 1
        while i < end and (doc[i].pos_ in ("ADV", "PART") or doc[i].dep_ == "prt"):
            i += 1  # "said again", "added later"
        if i >= end or self.in_quote(i) or doc[i].pos_ not in NP_START:
            return None
        h = doc[i]
        while h.dep_ in NP_INSIDE and h.head.i > h.i and not self.in_quote(h.head.i):
            h = h.head  # rightwards only: the phrase stays after the verb
        return h if h.pos_ in ("PROPN", "NOUN", "PRON") or h.lower_ == "one" else None  # "read one"

    def dash_speaker(self, tok: int) -> Mention | None:
        doc = self.tok
        i = tok
        while i < len(doc) and (
            (doc[i].is_space and "\n" not in doc[i].text) or doc[i].text in ("”", '"', "’", ",")
        ):
            i += 1
        if i + 1 < len(doc) and doc[i].text in DASHES and doc[i + 1].pos_ == "PROPN":
            j = i + 1
            while j < len(doc) and doc[j].pos_ == "PROPN":
                j += 1
            return Mention(i + 1, j, j - 1, i + 1, None)
        return None

    def direct(
        self,
        spans: list[tuple[int, int]],
        how: str,
        verb: Token,
        cue: Cue,
        source: Mention | None,
        fallback: bool,
    ) -> Candidate:
        cand = Candidate(
            how,
            "direct",
            [self.char_to_tokens(a, b) for a, b in spans],
            self.cue_range(verb),
            cue,
            source,
            fallback,
            cue.cue_class,
        )
        cand.chars = spans
        cand.content_root = self.clause_root(*cand.content[0])
        # the verb says the quotation: a phrase on it ("said *over the roar of the crowd*") is no second claim
        self.cands = [c for c in self.cands if not (c.cue == cand.cue and c.how.startswith("prep:"))]
        return cand

    def cue_near(self, tok: int, forward: bool) -> tuple[Token, Cue] | None:
        """A reporting verb outside quotes next to a quote boundary, in the same paragraph and sentence.

        Scans at most :data:`CUE_WINDOW` tokens away from the quote, stopping at a line break,
        another quotation or a sentence-final mark.
        """
        doc = self.tok
        step = 1 if forward else -1
        i = tok if forward else tok - 1
        for _ in range(CUE_WINDOW):
            if not 0 <= i < len(doc) or self.in_quote(i):
                return None
            t = doc[i]
            if t.is_space and "\n" in t.text and not forward and i > 0 and doc[i - 1].text == ":":
                i -= 1  # 'He said:' closing the previous paragraph introduces this quotation
                continue
            if (t.is_space and "\n" in t.text) or (t.text in SENTENCE_END and (forward or i < tok - 2)):
                return None
            if t.pos_ in ("VERB", "AUX"):
                cue = self.lex.verb(t.lemma_.lower())
                if cue is not None and "quote" in cue.frames and not self.passive_without_agent(t):
                    subj = next(
                        (c for c in self.kids[t.i] if c.dep_ in SUBJECTS and not self.quoted_subject(t, c)),
                        None,
                    )
                    if subj is None or not subj.left_edge.i <= tok <= subj.right_edge.i + 1:
                        return t, cue
                    return None
                if t.lemma_ not in ("be", "have", "do"):
                    return None
            i += step
        return None

    def split_continuation(self, verb: Token, chain: list[Quote]) -> list[tuple[int, int]]:
        """For "A," she said, "B.": the quote after the reporting clause, in the same sentence."""
        doc = self.tok
        i = verb.right_edge.i + 1
        while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and not self.in_quote(i):
            i += 1
        if i >= len(doc) or not self.in_quote(i) or self.owner_of(i) is not None:
            return []
        if any(t.text in SENTENCE_END for t in doc[verb.i + 1 : i]):
            return []  # '"A," she said. "B."': B is a quotation of its own
        q = self.quotes[self.quote_of[i] or 0]
        if q.chain == chain[-1].chain or doc[i].sent.start > verb.sent.end:
            return []
        segs = [s for s in self.quotes if s.chain == q.chain]
        self.claim_tokens([self.char_to_tokens(s.start, s.end) for s in segs])
        return [(s.start, s.end) for s in segs]


# string hash -> string, and lemma hash -> the lemma lowercased, kept across documents: a hash names the
# same string in every vocabulary, and a StringStore lookup makes a new str each time
_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
MAX_STRINGS = 500_000  # past it, the caches start afresh


def _string_columns(doc: Doc) -> tuple[list[str], list[str], list[str], list[str]]:
    """The ``pos_``, ``dep_``, ``lower_`` and lowercased ``lemma_`` of every token of ``doc``."""
    if not len(doc):
        return [], [], [], []
    global _STRINGS, _LOWERED
    strings = doc.vocab.strings
    pos, dep, lower, lemma = doc.to_array([POS, DEP, LOWER, LEMMA]).T.tolist()
    if len(_STRINGS) > MAX_STRINGS or len(_LOWERED) > MAX_STRINGS:
        _STRINGS, _LOWERED = {}, {}  # new caches, not cleared ones: a call in another thread keeps its own
    names, lowered = _STRINGS, _LOWERED
    for h in {*pos, *dep, *lower}.difference(names):
        names[h] = strings[h]
    for h in set(lemma).difference(lowered):
        lowered[h] = strings[h].lower()
    name, low = names.__getitem__, lowered.__getitem__
    return [*map(name, pos)], [*map(name, dep)], [*map(name, lower)], [*map(low, lemma)]


def _outer_first(sent: SpacySpan, heads: Sequence[int]) -> list[int]:
    """The token indices of ``sent``, outer clauses first: by tree depth, then in text order."""
    depth = _depths(range(sent.start, sent.end), heads)
    return sorted(range(sent.start, sent.end), key=depth.__getitem__)  # stable: text order within a depth


def _depths(sent: Iterable[int], heads: Sequence[int]) -> dict[int, int]:
    """Tree depth of every token index of a sentence, in linear time (memoised walks up to the root);
    ``heads`` holds the head index of every token of the document."""
    depth: dict[int, int] = {}
    for i in sent:
        path = []
        while i not in depth and heads[i] != i:
            path.append(i)
            i = heads[i]
        base = depth.setdefault(i, 0)
        for j in reversed(path):
            base += 1
            depth[j] = base
    return depth


def _title_like(quoted: str) -> bool:
    """Short and capitalised like a title: "State of the Union", "Morning Joe"."""
    words = [w for w in quoted.strip(" .,!?").split() if w[:1].isalpha()]
    small = {"of", "the", "a", "an", "and", "or", "in", "on", "to", "for", "at", "by", "with"}
    return (
        0 < len(words) <= 6
        and all(w[0].isupper() or w.lower() in small for w in words)
        and words[0][0].isupper()
    )


def _gerund(verb: Token) -> bool:
    """A gerund complement: "denied *taking* bribes", "denied *having met* him"."""
    return verb.tag_ == "VBG" or any(x.dep_ == "aux" and x.tag_ == "VBG" for x in verb.children)


def finite_tag(verb: Token) -> str:
    """The tag of the word that carries ``verb``'s tense: its first auxiliary ("would" in "would
    give", "has" in "has said"), or the verb itself."""
    aux = next((x for x in verb.children if x.dep_ in ("aux", "auxpass") and x.i < verb.i), None)
    return (aux or verb).tag_


def is_thing(subj: Token) -> bool:
    """Whether subject ``subj`` is a common noun no sense of which is a person or group ("the
    figures", "its reporting"; not "voters", "the army")."""
    return subj.pos_ == "NOUN" and names_people(subj) is False


class _NoCue:
    cue_class = "believe"


_NO_CUE = _NoCue()


# ---------------------------------------------------------------------- assembly
def _char_range(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


class _Sentences:
    """The sentences of a Doc by character, from arrays made once: :meth:`around` is what
    ``doc.char_span(c, c + 1, alignment_mode="expand").sent`` gives at each end, without making spans."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        n = len(doc)
        idx, length = doc.to_array([IDX, LENGTH]).T.tolist() if n else ([], [])
        self.starts = idx
        self.ends = [a + k for a, k in zip(idx, length, strict=True)]
        self.first_char = [0] * n  # token -> its sentence's start and end characters
        self.last_char = [0] * n
        for sent in doc.sents:
            size = sent.end - sent.start
            self.first_char[sent.start : sent.end] = [sent.start_char] * size
            self.last_char[sent.start : sent.end] = [sent.end_char] * size

    def token_at(self, char: int) -> int | None:
        """The token ``char`` falls in; the next one for the space after a token (spaCy's "expand")."""
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and char == self.ends[i]:
            i += 1
        return i if 0 <= i < len(self.starts) else None

    def around(self, start: int, end: int) -> Span:
        """The sentence(s) covering characters ``[start, end)``, whitespace-trimmed."""
        first, last = self.token_at(start), self.token_at(max(end - 1, start))
        s = self.first_char[first] if first is not None else start
        e = self.last_char[last] if last is not None else end
        s, e = min(s, start), max(e, end)
        text = self.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return Span(s, e)


def _confidence(c: Candidate) -> float:
    base = BASE_CONFIDENCE.get(c.how, 0.5)
    weight = c.cue_entry.weight if c.cue_entry else 0.8
    conf = base * (0.6 + 0.4 * weight)
    if c.source_fallback:
        conf -= 0.1
    if c.source is None and c.kind not in ("unattributed_hedge",):
        conf -= 0.1
    n_tokens = sum(b - a for a, b in c.content)
    if n_tokens < 3 and c.answers is None:  # a rejoinder's "a figure" is short by design
        conf -= 0.15
    return min(0.99, max(0.05, conf))


def _content_chars(doc: Doc, c: Candidate) -> list[tuple[int, int]]:
    """A candidate's content as character spans in text order, overlapping ones merged (a quotation
    joined to an attribution may lie between spans it already has)."""
    spans: list[tuple[int, int]] = []
    for a, b in sorted(c.chars or [_char_range(doc, a, b) for a, b in c.content]):
        if spans and a < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def assemble(
    document: Document,
    doc: Doc,
    cands: Sequence[Candidate],
    in_quote: Sequence[bool],
    tokens: Sequence[Token] | None = None,
    calibrated: bool = True,
    quotes: Sequence[Quote] | None = None,
) -> list[Attribution]:
    """Resolve sources, decide stance, label and score, and freeze candidates into records.

    ``tokens``: ``list(doc)`` when the caller has it (spares making the tokens again); ``calibrated``:
    confidences mapped through :func:`kg.confidence.calibrate` (off to measure the raw scores);
    ``quotes``: the text's quotations, when the caller has them (content spans take the marks they
    would leave unpaired)."""
    text = document.text
    if quotes is None:
        quotes = find_quotes(text)
    tok = tokens if tokens is not None else list(doc)
    sentences = _Sentences(doc, text)
    # who speaks through each source phrase: its issuer for "a statement from the Red Crescent"
    speakers = [(issuer(doc, c.source) or c.source) if c.source is not None else None for c in cands]
    kinds = entity_kinds(doc)
    own_types = [source_type(doc, m, kinds) if m is not None else None for m in speakers]
    names = [
        Named(doc[m.start].idx, m.name(doc), m.role, None, kind)
        for m, kind in zip(speakers, own_types, strict=True)
        if m is not None
        and kind is not None
        and doc[m.head].pos_ == "PROPN"
        and not named_together(doc, m)  # "Cole and Moss" is no fuller "Moss"
    ]
    resolver = Resolver(doc, person_names(doc, in_quote), names, group_names(doc, in_quote), in_quote)
    sha = document.sha256
    records: list[Attribution] = []
    earlier: list[_Said] = []
    for c, speaker, stype in zip(cands, speakers, own_types, strict=True):
        m = c.source
        source_text = resolved = role = None
        if m is not None and speaker is not None:
            res = resolver.resolve(speaker, doc[speaker.start].idx, stype)
            if speaker is not m and res.name.lower() in PRONOUNS:  # "her statement": "her" left unresolved
                speaker, stype = m, source_type(doc, m, kinds)
                res = resolver.resolve(m, doc[m.start].idx, stype)
            source_text, resolved, role = m.text(doc), res.name, res.role
            c.resolved = resolved
            # the resolution's kind differs from the mention's own only where it found an antecedent:
            # a pronoun's, or the fuller mention of a short name ("Delgado" -> Maria Delgado, a person,
            # though the NER makes the short name a place or an organization)
            if res.kind and stype not in (None, "unnamed") and res.kind != stype:
                stype = res.kind  # type: ignore[assignment]
        content_toks = [t for a, b in c.content for t in tok[a:b]]
        words = content_words(content_toks)
        cue_tok = doc[c.cue[1] - 1] if c.cue else None
        coordinated = bool(
            cue_tok is not None
            and cue_tok.dep_ == "conj"
            and any(
                o.cue and o.cue_entry and o.cue_entry.stance == "deny" and o.cue[1] - 1 == cue_tok.head.i
                for o in (e.cand for e in earlier)
            )
        )
        root = doc[c.content_root] if c.content_root is not None else None
        start = doc[c.content[0][0]].idx
        negated = root is not None and root_negated(root)
        denial_cue = c.cue_entry is not None and c.cue_entry.stance == "deny"
        # a denial cue answers a claim sharing its predicate; a merely negated content must also negate
        # what an affirmative earlier claim states, in more words ("he never took bribes from the developer")
        answered = _answered(earlier, words, resolved, _predicate(root), strict=not denial_cue)
        decision = decide_stance(
            c.cue_entry.stance if c.cue_entry else "assert",
            cue_tok,
            root,
            content_toks,
            answered is not None,
            coordinated,
        )
        certainty = c.certainty
        if c.cue_entry:
            certainty = weaker(certainty, c.cue_entry.certainty)
        chars = balance_marks(_content_chars(doc, c), quotes, text)
        content_spans = tuple(Span(a, b) for a, b in chars)
        content = " ".join(s.of(text) for s in content_spans)
        source_span = Span(*_char_range(doc, m.start, m.end)) if m is not None else None
        cue_span = Span(*_char_range(doc, *c.cue)) if c.cue else None
        all_starts = [content_spans[0].start] + [s.start for s in (source_span, cue_span) if s]
        all_ends = [content_spans[-1].end] + [s.end for s in (source_span, cue_span) if s]
        sentence = sentences.around(min(all_starts), max(all_ends))
        responds = None
        # a denial of what was just said, by a pronoun: "The mayor's office disputed that."
        says_back = denial_cue and decision.stance == "deny" and _says_back(root)
        if c.answers is not None:  # a rejoinder: "..., a figure the army disputed"
            agrees = c.cue_class in AGREEING_CLASSES
            if (denial_cue or agrees) and not _same_agent(c.answers.resolved, resolved):
                responds = next((e.rid for e in earlier if e.cand is c.answers), None)
        elif decision.responds or says_back:
            # the link records explicit answers only: a denial cue's, or a pointer's ("these claims");
            # a negated content that merely shares words with an earlier claim is a denial, unlinked
            responds = answered if denial_cue else None
            noun = pointer(content_toks, root)
            if responds is None and noun is not None:  # "these claims", "the president's claims about X"
                owner, about = pointer_scope(noun)
                named = resolver.name_of(owner) if owner is not None else None
                responds = _latest_other(earlier, resolved, start, owner=named, about=about)
            elif responds is None and coordinated:  # "belies these claims and says that no deal ..."
                responds = _latest_other(earlier, resolved, start)
            elif responds is None and says_back:  # only what was just said: a pronoun is short-lived
                responds = _latest_other(earlier, resolved, start, window=SAID_BACK_WINDOW)
        cue_lemma = c.cue_entry.lemma if c.cue_entry else (doc[c.cue[1] - 1].lemma_ if c.cue else None)
        rid = ids.mint(
            "attribution",
            document.id,
            sha,
            [[s.start, s.end] for s in content_spans],
            [cue_span.start, cue_span.end] if cue_span else None,
            [source_span.start, source_span.end] if source_span else None,
        )
        if c.score is not None:
            conf = c.score
        else:
            conf = confidence(feature_values(c.how, cue_lemma, source_text, content), _confidence(c))
        if calibrated:
            conf = calibrate(c.confidence_group, conf)
        record = Attribution(
            id=rid,
            doc=document.id,
            content=content,
            content_spans=content_spans,
            sentence_span=sentence,
            kind=c.kind,
            stance=decision.stance,
            certainty=certainty,
            hedge=c.hedge,
            source=source_text,
            source_span=source_span,
            source_resolved=resolved,
            source_type=stype,
            source_role=role,
            cue=cue_span.of(text) if cue_span else None,
            cue_span=cue_span,
            cue_lemma=cue_lemma,
            cue_class=c.cue_class,
            label=claim_label(doc, root, content),
            responds_to=responds,
            confidence=round(conf, 4),
            method=c.how,
        )
        records.append(record)
        earlier.append(_Said(c, words, rid, start, negated))
    return records


@dataclass(frozen=True, slots=True)
class _Said:
    """An earlier attribution of the article, as a later one may answer it."""

    cand: Candidate
    words: frozenset[str]  # content lemmas
    rid: str  # record id
    start: int  # where its content begins (characters)
    negated: bool  # its main clause negates ("no deal was made")


def _predicate(root: Token | None) -> str | None:
    """The lemma of a content's main verb or adjective (not "be", "have", "do"): a noun phrase
    ("single mothers") states nothing another claim could share."""
    if root is None or root.pos_ not in ("VERB", "ADJ"):
        return None
    lemma = root.lemma_.lower()
    return None if lemma in ("be", "have", "do") else lemma


def _says_back(root: Token | None) -> bool:
    """A content headed by a pronoun for what was said before: "disputed *that*", "denied *it* on
    Monday" (not "them", mostly people: "dismissing them as a cartel")."""
    if root is None or root.lower_ not in ("it", "this", "that"):
        return False
    # an object "that" is the pronoun, though the tagger calls it a conjunction ("denied that, saying")
    return root.pos_ == "PRON" or root.dep_ in ("dobj", "pobj", "nsubjpass")


def _same_agent(a: str | None, b: str | None) -> bool:
    """Two resolved sources that name one agent as far as words tell ("Ted Cruz", "Cruz"; "judge")."""
    if a is None or b is None:
        return a == b
    last = [n.casefold().replace("’s", "").replace("'s", "").split()[-1:] for n in (a, b)]
    return a.casefold() == b.casefold() or (bool(last[0]) and last[0] == last[1])


def _answered(
    earlier: list[_Said], words: frozenset[str], source: str | None, predicate: str | None, *, strict: bool
) -> str | None:
    """The latest of the last few attributions, from another source, whose content shares this one's
    predicate and enough content words ("Reports said troops crossed" - "denied that troops crossed");
    ``strict``: an affirmative claim sharing :data:`STRICT_OVERLAP` words ("Critics said the mayor took
    bribes from a developer" - "he never took bribes from the developer")."""
    if predicate is None:
        return None
    need = STRICT_OVERLAP if strict else ANSWER_OVERLAP
    for said in list(reversed(earlier))[:ANSWER_WINDOW]:
        w = said.words
        shared = len(w & words)
        if (
            predicate in w
            and not (strict and said.negated)
            and not _same_agent(said.cand.resolved, source)
            and shared >= need
            and shared >= 0.5 * min(len(w), len(words))
        ):
            return said.rid
    return None


def _latest_other(
    earlier: list[_Said],
    source: str | None,
    start: int,
    owner: str | None = None,
    about: frozenset[str] = frozenset(),
    window: int = POINTER_WINDOW,
) -> str | None:
    """What "these claims" or "the report" points back to: the latest earlier attribution within
    ``window`` characters of another source, or of ``owner`` when the pointer names whose claim it is,
    sharing a word with ``about`` when the pointer says what the claim is about."""
    for said in reversed(earlier):
        if start - said.start > window:
            return None
        if owner is not None:
            if not _same_agent(said.cand.resolved, owner):
                continue
        elif _same_agent(said.cand.resolved, source) and source is not None:
            continue
        if (about and not about & said.words) or said.negated or len(said.words) < MIN_ANSWERED_WORDS:
            continue  # not about it, itself a denial, or too short to be a claim ("Trump")
        return said.rid
    return None


# ---------------------------------------------------------------------- entry points
def extract_doc(
    document: Document, doc: Doc, lexicon: Lexicon | None = None, options: Options | None = None
) -> list[Attribution]:
    """Records for one document whose text has already been parsed into ``doc``."""
    ex = Extractor(document, doc, lexicon or load_lexicon(), options)
    cands = ex.run()
    return assemble(document, doc, cands, ex.aside(), ex.tok, quotes=ex.quotes)


def extract(
    document: Document, nlp: Language, lexicon: Lexicon | None = None, options: Options | None = None
) -> list[Attribution]:
    """Parse ``document`` with ``nlp`` (as :func:`kg.nlp.parse` does) and extract its attribution records."""
    return extract_doc(document, next(parse(nlp, [document.text])), lexicon, options)


def extract_many(
    documents: Iterable[Document],
    nlp: Language,
    lexicon: Lexicon | None = None,
    batch_size: int = 16,
    options: Options | None = None,
    on_parsed: Callable[[Doc, list[Attribution]], object] | None = None,
) -> Iterator[tuple[Document, list[Attribution]]]:
    """(document, records) pairs in input order; texts parsed in batches, long ones in pieces.

    ``on_parsed`` sees each parsed ``Doc`` with its records (e.g. to keep what linking needs from the
    parse, so claims need not be parsed again)."""
    lex = lexicon or load_lexicon()
    docs = list(documents) if not isinstance(documents, list) else documents
    for document, doc in zip(docs, parse(nlp, (d.text for d in docs), batch_size=batch_size), strict=True):
        records = extract_doc(document, doc, lex, options)
        if on_parsed is not None:
            on_parsed(doc, records)
        yield document, records
