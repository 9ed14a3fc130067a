"""spaCy's attribute ruler and rule lemmatizer, memoised: the same annotations, worked out once per
distinct token instead of once per token.

In ``en_core_web_sm`` the attribute ruler (a Matcher of some 180 patterns, nearly all of one token, run
over every token) and the rule lemmatizer (Python per token) take about a fifth of the parse (on PolNeAR
dev, 1.7 s and 0.6 to 1.2 s of some 12 s). What either sets on a token depends on a few attributes of
that token alone:

- the ruler: a one-token pattern tests only the attributes it names (``TAG``, ``LOWER``, ``DEP``,
  ``IS_SPACE`` ...), so which of them match a token is memoised on those attributes; patterns of several
  tokens (and any with an operator or an extension attribute) are matched by a Matcher of their own.
  The matches are put in the ruler's own order and applied by the ruler's own ``set_annotations``;
- the rule lemmatizer: its lemma is a function of the token's text, part of speech and morphology
  (the key of spaCy's own cache, which misses the base-form and no-rule paths), so it is memoised on them.

:func:`memoise` puts both in a loaded pipeline, each right after the stock component it stands for,
which stays in the pipeline disabled; the whole parse then takes about 0.9 of the time of the model as
shipped (``bench/RESULTS.md``). ``tests/test_memo_pipes.py`` checks that the annotations equal the
stock components' token for token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

MEMO_RULER = "claimkg_memo_ruler"
MEMO_LEMMATIZER = "claimkg_memo_lemmatizer"
MAX_MEMO = 500_000  # distinct token keys kept per component; past it the memo starts afresh


class MemoRuler:
    """The matches of an ``AttributeRuler``, one-token patterns memoised on the attributes they test."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        self.single = Matcher(ruler.vocab, validate=False)
        self.several = Matcher(ruler.vocab, validate=False)
        tested: set[int] = set()
        for i in range(len(ruler.attrs)):
            key = str(i)
            _, patterns = ruler.matcher.get(strings[key])
            one, other = [], []
            for pattern in patterns:
                names = {name.upper() for name in pattern[0]} if len(pattern) == 1 else set()
                ids = [IDS.get("ORTH" if n == "TEXT" else n) for n in names]
                if names and all(x is not None for x in ids):
                    one.append(pattern)
                    tested.update(x for x in ids if x is not None)
                else:  # several tokens, an operator ("OP") or an extension attribute ("_")
                    other.append(pattern)
            if one:
                self.single.add(key, one)
            if other:
                self.several.add(key, other)
        self.tested: list[int | str] = sorted(tested)
        self.memo: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(rule number, match id, start, end)`` of every match in ``doc``, sorted: what
        ``AttributeRuler.match`` returns."""
        strings = self.ruler.vocab.strings
        several = self.several(doc, allow_missing=True, as_spans=False)
        found = [(int(strings[m]), m, s, e) for m, s, e in several]
        if not len(doc):
            return found
        if len(self.memo) > MAX_MEMO:
            self.memo = {}
        memo = self.memo
        rows = cast("list[list[int]]", doc.to_array(self.tested).reshape(len(doc), -1).tolist())
        for i, row in enumerate(rows):
            key = tuple(row)
            rules = memo.get(key)
            if rules is None:
                hits = self.single(doc[i : i + 1], allow_missing=True, as_spans=False)
                rules = memo[key] = tuple((int(strings[m]), m) for m, _, _ in hits)
            found.extend((n, m, i, i + 1) for n, m in rules)
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


class MemoLemmatizer:
    """A rule ``Lemmatizer``'s lemmas, memoised on (text, part of speech, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}
        self.checked = False  # the stock component has run once (it validates its tables then)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lem = self.lemmatizer
        if not self.checked:
            self.checked = True
            return lem(doc)
        if not len(doc):
            return doc
        if len(self.memo) > MAX_MEMO:
            self.memo = {}
        memo, strings = self.memo, doc.vocab.strings
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not lem.overwrite:
                continue
            key = (orth, pos, morph)
            h = memo.get(key)
            if h is None:
                h = memo[key] = strings.add(lem.lemmatize(doc[i])[0])
            lemmas[i] = h
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64
        return doc


def memoise(nlp: Language) -> None:
    """Run :class:`MemoRuler` and :class:`MemoLemmatizer` in ``nlp`` in place of its attribute ruler
    and rule lemmatizer (those stay in the pipeline, disabled). Other pipelines are left as they are."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    _register()
    for name in list(nlp.pipe_names):
        pipe = nlp.get_pipe(name)
        if isinstance(pipe, AttributeRuler):
            nlp.add_pipe(MEMO_RULER, name=f"{name}_memo", after=name, config={"source": name})
        elif isinstance(pipe, Lemmatizer) and pipe.mode == "rule":
            nlp.add_pipe(MEMO_LEMMATIZER, name=f"{name}_memo", after=name, config={"source": name})
        else:
            continue
        nlp.disable_pipe(name)


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(MEMO_RULER):
        Language.factory(MEMO_RULER, func=_make_ruler)
    if not Language.has_factory(MEMO_LEMMATIZER):
        Language.factory(MEMO_LEMMATIZER, func=_make_lemmatizer)


def _make_ruler(nlp: Language, name: str, source: str) -> Any:
    return MemoRuler(nlp.get_pipe(source))  # type: ignore[arg-type]


def _make_lemmatizer(nlp: Language, name: str, source: str) -> Any:
    return MemoLemmatizer(nlp.get_pipe(source))  # type: ignore[arg-type]
