"""Stance table: real-shaped denials and assertions. Acceptance: >= 90% of denials come out ``deny``,
<= 3% of assertions do. Each row is (text, a fragment of the attribution's content)."""

from __future__ import annotations

import pytest

from kg.record import Attribution

DENIALS = [
    ("The Kremlin denied that its troops had crossed the border.", "its troops had crossed the border"),
    ("The company denied any wrongdoing.", "any wrongdoing"),
    ("Moscow rejected the allegations as baseless.", "the allegations"),
    ("The ministry dismissed the reports as Western propaganda.", "the reports"),
    ("Kyiv refuted claims that the bridge had been destroyed.", "claims that the bridge had been destroyed"),
    ("The senator flatly denied the report.", "the report"),
    ("However, Moscow belies these claims.", "these claims"),
    (
        "Officials rebutted the suggestion that the vote was rigged.",
        "the suggestion that the vote was rigged",
    ),
    ("The White House disputed the account.", "the account"),
    ("She denied having met the lobbyist.", None),
    ("A spokesman denied that the minister would resign.", "the minister would resign"),
    ("Police denied reports that shots had been fired.", "reports that shots had been fired"),
    ("The campaign called the story false.", "the story false"),
    ("The agency said the claims were baseless.", "the claims were baseless"),
    (
        "Reports said a deal had been reached. The government said no such deal had been made.",
        "no such deal had been made",
    ),
    (
        "Rebels claimed they had taken the airport. The army said that no such assault had taken place.",
        "no such assault had taken place",
    ),
    (
        "Ukraine said a swap was discussed. Moscow belies these claims and says that no such deal was made.",
        "no such deal was made",
    ),
    (
        "The opposition alleged that ballots were burned. Election officials said no ballots were burned.",
        "no ballots were burned",
    ),
    (
        "Critics said the mayor took bribes. The mayor said he never took bribes from the developer.",
        "he never took bribes",
    ),
    (
        "Investigators rejected the theory that the fire was an accident.",
        "the theory that the fire was an accident",
    ),
    ("The bank denied it had frozen the accounts.", "it had frozen the accounts"),
    ("Beijing dismissed the accusation.", "the accusation"),
    ("The union pushed back on reports that the strike was over.", "reports that the strike was over"),
    ('The embassy later called it "pure fiction."', "pure fiction"),
    ('"That is simply not true," the chief executive said.', "That is simply not true"),
    ('"This is completely false," a spokeswoman for the ministry said.', "This is completely false"),
]

ASSERTIONS = [
    ("The minister said the talks would continue next week.", "the talks would continue"),
    ("The company confirmed that it had laid off 200 workers.", "it had laid off 200 workers"),
    ("Officials said the bridge would not reopen before spring.", "the bridge would not reopen"),
    ("The governor said she does not plan to run again.", "she does not plan to run again"),
    ("He told reporters that the economy was growing.", "the economy was growing"),
    ("According to the ministry, 40 people were injured.", "40 people were injured"),
    ("The president vowed to rebuild the city.", "to rebuild the city"),
    ("Analysts warned that inflation could not be contained quickly.", "inflation could not be contained"),
    ("The coach said the team had never played better.", "the team had never played better"),
    ("Police said nobody was hurt in the blast.", "nobody was hurt in the blast"),
    ("Doctors said there was no sign of infection.", "there was no sign of infection"),
    ("The report found that schools were underfunded.", "schools were underfunded"),
    ('"We will not give up," the union leader said.', "We will not give up"),
    ("The mayor added that the curfew would be lifted.", "the curfew would be lifted"),
    ("Witnesses said they heard two explosions.", "they heard two explosions"),
    ("The senator argued that the bill would cut taxes.", "the bill would cut taxes"),
    ("Experts believe the virus originated in bats.", "the virus originated in bats"),
    ("The army said it had captured the airport.", "it had captured the airport"),
    ("Officials estimated that 3,000 homes were damaged.", "3,000 homes were damaged"),
    ("The judge ruled that the law was unconstitutional, the court said.", "the law was unconstitutional"),
    ("The spokesman acknowledged that mistakes had been made.", "mistakes had been made"),
    ("Residents complained that the water was not safe to drink.", "the water was not safe to drink"),
    ("The candidate promised that no family would lose its home.", "no family would lose its home"),
    ("Scientists reported that the ice sheet was shrinking.", "the ice sheet was shrinking"),
    ("The ministry announced that schools would close on Friday.", "schools would close on Friday"),
    ("She said the company did not comment on rumours.", "the company did not comment on rumours"),
    ("The coach called it the finest win of his career.", "the finest win"),
    ('"That is true," the chief executive said.', "That is true"),
    ('"It was not easy," the striker said of the final.', "It was not easy"),
    ('"That is not the right answer for this city," the mayor said.', "That is not the right answer"),
    ('"Early polls are not accurate," the strategist said.', "Early polls are not accurate"),
    ('"It is absurd that the board met in secret," the councillor said.', "It is absurd that the board"),
]


def target(records: list[Attribution], fragment: str | None) -> Attribution:
    hits = [r for r in records if fragment is None or fragment in r.content]
    assert hits, f"no attribution containing {fragment!r} in {[r.content for r in records]}"
    return hits[-1]


@pytest.fixture(scope="module")
def denial_stances(run_extract) -> list[str]:  # type: ignore[no-untyped-def]
    return [target(run_extract(text), fragment).stance for text, fragment in DENIALS]


@pytest.fixture(scope="module")
def assertion_stances(run_extract) -> list[str]:  # type: ignore[no-untyped-def]
    return [target(run_extract(text), fragment).stance for text, fragment in ASSERTIONS]


def test_table_is_large_enough() -> None:
    assert len(DENIALS) + len(ASSERTIONS) >= 40


def test_denials_are_deny(denial_stances) -> None:  # type: ignore[no-untyped-def]
    missed = [DENIALS[i][0] for i, s in enumerate(denial_stances) if s != "deny"]
    assert len(missed) <= 0.10 * len(DENIALS), missed


def test_assertions_are_not_deny(assertion_stances) -> None:  # type: ignore[no-untyped-def]
    wrong = [ASSERTIONS[i][0] for i, s in enumerate(assertion_stances) if s == "deny"]
    assert len(wrong) <= 0.03 * len(ASSERTIONS), wrong


def test_a_denial_answering_an_earlier_claim_points_to_it(run_extract) -> None:  # type: ignore[no-untyped-def]
    records = run_extract(
        "Reports said a deal had been reached. The government said no such deal had been made."
    )
    claim = target(records, "a deal had been reached")
    assert target(records, "no such deal").responds_to == claim.id


# (text, the answering content, the content it answers or None): which earlier claim a response is linked
# to. Only explicit answers are linked (a denial cue sharing the claim's predicate, or a pointer such as
# "these claims"); a negated content that merely shares words with an earlier claim is a denial, unlinked.
RESPONSES = [
    (
        "The ministry said that troops crossed the border. "
        "The Kremlin denied that its troops had crossed it.",
        "its troops had crossed it",
        "troops crossed the border",
    ),
    (
        "Critics said the mayor took bribes from the developer. "
        "The mayor said he never took bribes from the developer.",
        "he never took bribes",
        None,
    ),
    (
        "Brown said the budget would balance by 2020. Smith said Brown's claims about the budget were false.",
        "Brown's claims about the budget were false",
        "the budget would balance by 2020",
    ),
    (
        "Brown said the budget would balance by 2020. Smith said Jones's claims about the budget were false.",
        "Jones's claims about the budget were false",
        None,  # Jones made no claim here
    ),
    (
        "Reports said a ceasefire deal was reached. Officials said there was no deal at all. "
        "Moscow dismissed these claims.",
        "these claims",
        "a ceasefire deal was reached",  # not the officials' denial in between
    ),
    # a report's findings, a witness's account
    (
        "The audit found that the council had lost two million pounds. The council rejected the findings.",
        "the findings",
        "the council had lost two million pounds",
    ),
    (
        "Witnesses said the police had fired first. The police chief disputed their account.",
        "their account",
        "the police had fired first",
    ),
    # a pronoun for what was just said
    (
        "Patel said the city had a reserve of $12 million. The mayor's office disputed that.",
        "that",
        "the city had a reserve of $12 million",
    ),
    ("Critics said the toll was illegal. The council denied it on Monday.", "it", "the toll was illegal"),
    # ... which the tagger makes a conjunction before a comma
    (
        "Pryce claimed that the ministry had ignored the survey. A spokesperson denied that, saying the"
        " survey shaped every decision.",
        "that",
        "that the ministry had ignored the survey",
    ),
]


@pytest.mark.parametrize(("text", "response", "answered"), RESPONSES)
def test_which_claim_a_response_answers(run_extract, text: str, response: str, answered: str | None) -> None:  # type: ignore[no-untyped-def]
    records = run_extract(text)
    r = target(records, response)
    assert r.stance == "deny"
    if answered is None:
        assert r.responds_to is None
    else:
        assert r.responds_to == target(records, answered).id


# (text, content fragment, stance): a response "pushed back on" a claim, and a claim called false
# through a pronoun, deny; "pushed back" a date and an "it" standing for a clause after it do not
PUSHBACK_AND_CALLED_FALSE = [
    (
        "The union pushed back on reports that the strike was over.",
        "reports that the strike was over",
        "deny",
    ),
    ("Farmers are pushing back against the new levy.", "the new levy", "deny"),
    ("The council pushed back the vote to May.", None, None),
    ('The embassy later called it "pure fiction."', "pure fiction", "deny"),
    ("Critics called them misleading.", "misleading", "deny"),
    ("The mayor called it wrong to close the shelters.", "to close the shelters", "assert"),
    ("The coach called it the finest win of his career.", "the finest win", "assert"),
]


@pytest.mark.parametrize(("text", "fragment", "stance"), PUSHBACK_AND_CALLED_FALSE)
def test_pushing_back_and_calling_it_false(
    run_extract, text: str, fragment: str | None, stance: str | None
) -> None:  # type: ignore[no-untyped-def]
    records = run_extract(text)
    if fragment is None:
        assert records == []
        return
    r = target(records, fragment)
    assert r.stance == stance
    assert r.cue != "pushed back" or r.content == fragment


# (text, the rejoinder's content, its source, its stance, the content of the record it answers or None):
# a relative clause that renames the clause before a comma and disputes or confirms it. When a record
# has that clause, the rejoinder answers it and its own content is the word standing for the clause;
# when none has, the clause is its content.
REJOINDERS = [
    (
        "The ministry said 40 people were killed, a figure the army disputed.",
        "a figure",
        "the army",
        "deny",
        "40 people were killed",
    ),
    (
        "Police said the man was armed, something his family strongly denies.",
        "something",
        "his family",
        "deny",
        "the man was armed",
    ),
    (
        "The mayor blamed the outage on the utility, which the company denies.",
        "which",
        "the company",
        "deny",
        "the outage on the utility",
    ),
    (
        "The senator was paid to lobby for the firm, according to the indictment, which she disputes.",
        "which",
        "she",
        "deny",
        "The senator was paid to lobby for the firm",
    ),
    (
        "He is said to have taken bribes, an accusation that he has denied.",
        "an accusation",
        "he",
        "deny",
        "He is said to have taken bribes",
    ),
    (
        "The minister allegedly took cash from a developer, a claim his lawyers reject.",
        "a claim",
        "his lawyers",
        "deny",
        "The minister allegedly took cash from a developer",
    ),
    (
        "The union says 3,000 jobs will go, a number the employer later confirmed.",
        "a number",
        "the employer",
        "assert",
        "3,000 jobs will go",
    ),
    (  # the parse makes the relative clause an "acl", as it does a claim noun's content
        "The governor said the state had enough beds, an assertion that hospital officials disputed.",
        "an assertion",
        "hospital officials",
        "deny",
        "the state had enough beds",
    ),
    # the parse fuses the noun into the subject of a clause of its own ("[an assessment engineers]
    # rejected"): the source is without it
    (
        "Officials said the dam was safe, an assessment engineers rejected on Friday.",
        "an assessment",
        "engineers",
        "deny",
        "the dam was safe",
    ),
    (
        "Turnout was low, an assessment that observers confirmed.",
        "Turnout was low",
        "observers",
        "assert",
        None,
    ),
    (
        "The couple were arrested at the border, a report the embassy has denied.",
        "The couple were arrested at the border",
        "the embassy",
        "deny",
        None,
    ),
]


@pytest.mark.parametrize(("text", "content", "source", "stance", "answered"), REJOINDERS)
def test_a_rejoinder_answers_the_clause_it_renames(  # type: ignore[no-untyped-def]
    run_extract, text: str, content: str, source: str, stance: str, answered: str | None
) -> None:
    records = run_extract(text)
    r = next((r for r in records if r.method == "rejoinder"), None)
    assert r is not None, [(x.method, x.content) for x in records]
    assert (r.content, r.source, r.stance) == (content, source, stance)
    assert [x.method for x in records].count("rejoinder") == len(records) - (answered is not None)
    if answered is None:
        assert r.responds_to is None
    else:
        claim = next(x for x in records if x.content == answered)
        assert r.responds_to == claim.id
        assert claim.content_spans != r.content_spans  # two claims: the graph links one to the other


# no rejoinder: a relative clause about a thing ("which the company owns"), a "which" that a verb other
# than a denial takes, the content of a claim noun ("the claim that officials denied it"), a verb that
# only leads to the one that renames ("a point the minister likes to make")
NOT_REJOINDERS = [
    "The utility, which the company owns, raised prices.",
    "The plan, which the mayor announced in May, was dropped.",
    "The report, which he wrote in 2019, was never published.",
    "She repeated the claim that officials denied it.",
    "Wages are rising fast, a point the minister likes to make.",
    "The talks failed, a report said on Monday.",
]


@pytest.mark.parametrize("text", NOT_REJOINDERS)
def test_not_a_rejoinder(run_extract, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [r for r in run_extract(text) if r.method == "rejoinder"]


@pytest.mark.parametrize(
    "text",
    [
        # the speaker's own claim, restated
        "Lopez said 200 ships had docked, a figure Lopez later confirmed.",
        # neither a denial nor an agreement: the graph has no link to make
        "Reyes said the ferry would be free, something Ortiz mocked on Tuesday.",
    ],
)
def test_a_rejoinder_that_is_no_answer(run_extract, text: str) -> None:  # type: ignore[no-untyped-def]
    records = run_extract(text)
    r = next((r for r in records if r.method == "rejoinder"), None)
    assert r is not None, [(x.method, x.content) for x in records]
    assert r.responds_to is None


def test_not_denying_it_answers_nothing(run_extract) -> None:  # type: ignore[no-untyped-def]
    records = run_extract("Critics said the toll was illegal. The council did not deny it.")
    r = target(records, "it")
    assert (r.stance, r.responds_to) == ("assert", None)


def test_a_pronoun_answers_only_what_was_just_said(run_extract) -> None:  # type: ignore[no-untyped-def]
    """ "denied it" links to a claim of the sentence before, not to one further back."""
    filler = (
        "The toll road opened in 2019 after a decade of planning and two changes of route through the"
        " valley, and traffic on it has grown every year since, with lorries making up a third of it."
    )
    records = run_extract(f"Critics said the toll was illegal. {filler} The council denied it on Monday.")
    assert target(records, "it on Monday").responds_to is None


def test_them_is_people_not_a_claim(run_extract) -> None:  # type: ignore[no-untyped-def]
    records = run_extract("Rivals said the senator had lied. Hale dismissed them as cowards.")
    assert target(records, "them").responds_to is None
