"""One way to page a list, for the desk, the portal and the API: a page number and size
read strictly, and one row more than the page fetched to know whether another follows,
so no page ever counts the whole list."""

from dataclasses import dataclass

from helpdesk.numbers import parse_whole


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @classmethod
    def read(cls, number, size=None, *, sizes, default_size, last=1_000_000) -> "Page":
        """From request text: junk or out-of-range numbers fall back to the first page and
        the default size; page numbers stop at `last`."""
        number = parse_whole(str(number or "")) or 1
        size = parse_whole(str(size or ""))
        return cls(number=min(max(number, 1), last), size=size if size in sizes else default_size)

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    def slice(self, rows) -> tuple[list, bool]:
        """This page's rows of a queryset (or list), and whether there is a next page."""
        found = list(rows[self.start : self.start + self.size + 1])
        return found[: self.size], len(found) > self.size
