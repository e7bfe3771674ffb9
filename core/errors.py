"""Known errors: faults of the environment or of the input, each with a message a citizen or
staff member understands (Indonesian first, English second). Anything else is a bug."""

from __future__ import annotations


class AntreError(Exception):
    """A known error. `id_text` is shown to people; `en_text` is the English line."""

    code = "error"

    def __init__(self, id_text: str, en_text: str = "", **data: object) -> None:
        super().__init__(id_text)
        self.id_text = id_text
        self.en_text = en_text
        self.data = data

    def __str__(self) -> str:
        return f"{self.id_text} / {self.en_text}" if self.en_text else self.id_text

    def to_json(self) -> dict[str, object]:
        return {"error": self.code, "message": self.id_text, "message_en": self.en_text, **self.data}

    def __reduce__(self) -> tuple[object, ...]:
        # picklable whatever the subclass's __init__ takes (errors cross process boundaries)
        return (_restore, (type(self), self.id_text, self.en_text, self.data, dict(self.__dict__)))


def _restore(cls: type[AntreError], id_text: str, en_text: str, data: dict[str, object],
             state: dict[str, object]) -> AntreError:
    err = cls.__new__(cls)
    Exception.__init__(err, id_text)
    err.__dict__.update(state)
    return err


class ConfigError(AntreError):
    code = "config"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems), "", problems=problems)

    def __str__(self) -> str:
        return "\n".join(self.problems)


class UnknownService(AntreError):
    code = "unknown_service"


class UnknownCounter(AntreError):
    code = "unknown_counter"


class TicketNotFound(AntreError):
    code = "ticket_not_found"


class NothingWaiting(AntreError):
    code = "nothing_waiting"


class IssueRefused(AntreError):
    """The kiosk may not issue a ticket for this service now; `reason` says which rule."""

    code = "issue_refused"

    def __init__(self, reason: str, id_text: str, en_text: str, **data: object) -> None:
        super().__init__(id_text, en_text, reason=reason, **data)
        self.reason = reason


class InvalidAction(AntreError):
    """The action makes no sense in the ticket's or counter's current state."""

    code = "invalid_action"


class WrongPin(AntreError):
    code = "wrong_pin"


class StoreUnavailable(AntreError):
    """The database is busy for too long, unreadable, or the disk is full."""

    code = "store_unavailable"
