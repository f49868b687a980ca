"""The decide step (codemods/analysis/decide.py) on hand-written facts: a client moves only with all its uses."""
from codemods.analysis.decide import ClientFacts, Constructor, Place, Use, decide


def ctor(module="app/mail.py", line=3, readable=True):
    return Constructor(Place(module, line, "APIClient(ID, SECRET, TOKEN)"), readable)


def use(module="app/mail.py", line=10, what="nylas.threads.where(...)", moves=True, outside=False):
    return Use(Place(module, line, what), moves, outside)


def test_every_use_moves_so_the_client_moves():
    decision = decide(ClientFacts((ctor(),), (use(), use(line=12, what="nylas.messages.get(...)"))))
    assert decision.migrate and decision.blockers == () and decision.outside == ()


def test_one_use_that_cannot_move_keeps_the_client_and_is_named():
    blocker = use(line=20, what="nylas.events.where(...)", moves=False)
    decision = decide(ClientFacts((ctor(),), (use(), blocker)))
    assert not decision.migrate
    assert decision.blockers == (blocker.place,)
    assert decision.blocker_text("app/mail.py") == "line 20 nylas.events.where(...)"


def test_a_blocker_in_another_module_is_named_by_its_module():
    blocker = use(module="app/calendar.py", line=7, what="nylas.calendars.all(...)", moves=False)
    decision = decide(ClientFacts((ctor(),), (use(), blocker)))
    assert decision.blocker_text("app/mail.py") == "app/calendar.py:7 nylas.calendars.all(...)"


def test_an_unreadable_constructor_blocks_even_when_every_use_moves():
    bad = ctor(line=4, readable=False)
    decision = decide(ClientFacts((ctor(), bad), (use(),)))
    assert not decision.migrate and decision.blockers == (bad.place,)


def test_users_outside_the_run_keep_the_client_and_are_listed():
    decision = decide(ClientFacts((ctor(),), (use(), use(module="app/tasks.py", outside=True),
                                              use(module="app/views.py", outside=True))))
    assert not decision.migrate and decision.blockers == ()
    assert decision.outside == ("app/tasks.py", "app/views.py")


def test_blockers_are_listed_in_source_order_and_capped():
    uses = tuple(use(line=n, what=f"nylas.events.all(...) #{n}", moves=False) for n in (50, 10, 30, 20, 40))
    decision = decide(ClientFacts((ctor(),), uses))
    assert [b.line for b in decision.blockers] == [10, 20, 30, 40, 50]
    assert decision.blocker_text("app/mail.py", limit=2).endswith("; and 3 more")
