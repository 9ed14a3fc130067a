"""The memoised attribute ruler and lemmatizer annotate exactly as the stock components do."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.language import Language

from kg.memo_pipes import MemoLemmatizer, MemoRuler, memoise
from kg.nlp import DEFAULT_MODELS, load_model
from tests.conftest import SEED

ANNOTATIONS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]

# Shapes the ruler's patterns of two tokens and its dependency rules are about, and ordinary news prose.
TEXTS = [
    "Moscow says no such deal was made for the fighters.",
    "\"We're gonna win this, y'all,\" she said. \"Let's go. C'mon, we gotta move.\"",
    "It ain't over, the mayor told reporters, and you can't say it is.",
    "There is a report that there were soldiers who surrendered; it is believed that they did.",
    "That was what he said.  Those who left   said that this was theirs.\n\nI told you so.",
    "Officials did not confirm it. Did they? They did, and they had done so before.",
    "But the minister said, but only later, that the talks had failed.",
    # the same word and part of speech, other morphology, another lemma ("got" -> "got" / "get")
    '"We\'ve got limited time," he said. She got the memo and has got it read.',
    "The harbour master is being pressed to resign, aides said, and being candid about it.",
]


def _stock_and_memoised() -> tuple[Language, Language]:
    name = next(n for n in DEFAULT_MODELS if spacy.util.is_package(n))
    memoised = spacy.load(name)
    memoise(memoised)
    return load_model(shipped=True), memoised


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    return _stock_and_memoised()


def _same(a: object, b: object) -> bool:
    return bool(np.array_equal(a.to_array(ANNOTATIONS), b.to_array(ANNOTATIONS)))  # type: ignore[attr-defined]


def test_memoise_swaps_in_the_memoised_components(pipelines: tuple[Language, Language]) -> None:
    stock, memoised = pipelines
    assert "attribute_ruler" in stock.pipe_names and "lemmatizer" in stock.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(memoised.disabled)
    ruler, lemmatizer = memoised.get_pipe("attribute_ruler_memo"), memoised.get_pipe("lemmatizer_memo")
    assert isinstance(ruler, MemoRuler) and isinstance(lemmatizer, MemoLemmatizer)
    order = memoised.pipe_names
    assert order.index("attribute_ruler_memo") < order.index("lemmatizer_memo") < order.index("ner")


@pytest.mark.parametrize("text", TEXTS)
def test_sentences_annotate_as_the_stock_pipeline(pipelines: tuple[Language, Language], text: str) -> None:
    stock, memoised = pipelines
    assert _same(stock(text), memoised(text))


def test_the_seed_article_annotates_as_the_stock_pipeline_twice(pipelines: tuple[Language, Language]) -> None:
    stock, memoised = pipelines
    text = SEED.read_text(encoding="utf-8")
    expected = stock(text)
    for _ in range(2):  # the second time every token comes from the memo
        assert _same(expected, memoised(text))
    assert memoised.get_pipe("attribute_ruler_memo").memo  # type: ignore[attr-defined]


def test_a_batch_annotates_as_the_stock_pipeline(pipelines: tuple[Language, Language]) -> None:
    stock, memoised = pipelines
    texts = [*TEXTS, "", " ", "\n\n", *reversed(TEXTS)]
    for a, b in zip(stock.pipe(texts, batch_size=4), memoised.pipe(texts, batch_size=4), strict=True):
        assert _same(a, b)


def test_rules_with_operators_and_several_tokens_keep_their_order() -> None:
    """A ruler of one's own: a one-token rule, a later one overriding it, a two-token rule with an index,
    and a rule with an operator (matched by the Matcher, not memoised)."""

    def pipeline(memoised: bool) -> Language:
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "said"}]], {"TAG": "VBD", "LEMMA": "say"})  # type: ignore[attr-defined]
        ruler.add([[{"TAG": "VBD"}]], {"LEMMA": "past"})  # type: ignore[attr-defined]
        ruler.add([[{"LOWER": "said"}, {"LOWER": "that"}]], {"LEMMA": "that-clause"}, index=1)  # type: ignore[attr-defined]
        ruler.add([[{"IS_PUNCT": True, "OP": "+"}]], {"TAG": "PUNCT"})  # type: ignore[attr-defined]
        ruler.add([[{"LOWER": "told"}]], {"LEMMA": "tell"})  # type: ignore[attr-defined]
        if memoised:
            memoise(nlp)
        return nlp

    stock, memoised = pipeline(False), pipeline(True)
    assert "attribute_ruler_memo" in memoised.pipe_names
    for text in ["She said that it was over!!", "He told them, and said so.", "Said that. Said that."]:
        a, b = stock(text), memoised(text)
        assert [(t.tag_, t.lemma_) for t in a] == [(t.tag_, t.lemma_) for t in b]


def test_a_pipeline_without_these_components_is_left_alone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    memoise(nlp)
    assert nlp.pipe_names == ["sentencizer"] and not nlp.disabled


def test_the_lemma_memo_keys_on_morphology(pipelines: tuple[Language, Language]) -> None:
    """One word, one part of speech, two morphologies, two lemmas: "got" as a present form is its own
    base form, as a past one it is "get"."""
    from spacy.tokens import Doc

    stock, memoised = pipelines
    memo = memoised.get_pipe("lemmatizer_memo")
    words, pos = ["got", "got"], ["VERB", "VERB"]
    morphs = ["Tense=Pres|VerbForm=Fin", "Tense=Past|VerbForm=Fin"]

    def doc() -> Doc:
        return Doc(stock.vocab, words=words, pos=pos, morphs=morphs)

    memo(Doc(stock.vocab, words=["warm", "up"], pos=["VERB", "ADP"]))  # its first call is the stock one's
    expected = [t.lemma_ for t in stock.get_pipe("lemmatizer")(doc())]
    assert expected == ["got", "get"]
    assert [t.lemma_ for t in memo(doc())] == expected
