"""One listing per publisher, shared by the head lookups and the families of a provenance run.

``list_models(author=...)`` asked with what ``model_info`` gives (``client.EXPAND``) answers,
in one request per page, the head lookup of every listed repo of that publisher and every
family stem of it. ``Publishers.listing`` asks it at most once per namespace and run, and hands
the answer (or the ``Failed``) to everyone who waits for it, on the run's thread. A repo the
listing does not hold (private to another account, renamed, past the bound) is looked up on
its own by the caller. It must not import huggingface_hub.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from licheck.hub.facts import member_from_info
from licheck.hub.outcomes import Failed
from licheck.records import FamilyMember

if TYPE_CHECKING:
    from licheck.hub.client import Listing
    from licheck.hub.scheduler import Run


@dataclass(frozen=True)
class Listed:
    """A publisher's repos at their heads: infos by lower-cased id, family members, and why
    the listing stopped early (None: it is whole)."""

    infos: dict[str, Any]
    members: tuple[FamilyMember, ...]
    note: str | None


Then = Callable[[Listed | Failed], None]


class Publishers:
    """The publisher listings of one ``Run``."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self._done: dict[str, Listed | Failed] = {}
        self._waiting: dict[str, list[Then]] = {}

    def known(self, namespace: str) -> bool:
        """Whether the listing of ``namespace`` was asked for in this run."""
        key = namespace.lower()
        return key in self._done or key in self._waiting

    def listing(self, namespace: str, then: Then) -> None:
        """Hand ``then`` the listing of ``namespace``, asking the Hub the first time."""
        key, run = namespace.lower(), self.run
        if key in self._done:
            done = self._done[key]
            run.soon(lambda: then(done))
            return
        if key in self._waiting:
            self._waiting[key].append(then)
            return
        self._waiting[key] = [then]
        limit = run.settings.author_limit

        def landed(answer: Listing[Any] | Failed) -> None:
            result: Listed | Failed = answer if isinstance(answer, Failed) else _listed(answer)
            self._done[key] = result
            for waiter in self._waiting.pop(key, []):
                waiter(result)

        # The network module loads with the first question: an offline run asks none.
        from licheck.hub.client import fetch_author

        run.submit(lambda: fetch_author(namespace, limit, run.conn), landed)


def _listed(answer: Listing[Any]) -> Listed:
    infos: dict[str, Any] = {}
    for info in answer.items:
        model = getattr(info, "id", None)
        if isinstance(model, str) and model:
            infos.setdefault(model.lower(), info)
    members = tuple(member_from_info(info) for info in answer.items)
    return Listed(infos, members, answer.note)
