"""Paging a list for the desk, the portal and the API without counting it: one row more
than the page is fetched to know whether another follows. `Page` reads a page number
(OFFSET: the portal's short lists, BILLmanager's `p_num`); `Keyset` reads from a row on,
for the desk's lists of any length."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, F, Q

from helpdesk.expressions import TableSQL
from helpdesk.ids import is_possible_id
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


@dataclass(frozen=True)
class Keyset:
    """A page of a list ordered by one column and the id, read from where the previous
    page ended (`after` a row) or, going back, from where the next one began (`before`):
    an index gives page 500 as fast as page 1, and no page ever counts the list.

    `tie` is the id's direction; when it differs from the column's (the queue: heaviest
    first, then oldest) the column's range bounds the scan and the rare ties are
    filtered. Empty values (NULL) come last in both directions."""

    column: str
    descending: bool
    nullable: bool = False
    tie_descending: bool | None = None

    @property
    def id_descending(self) -> bool:
        return self.descending if self.tie_descending is None else self.tie_descending

    def order(self, *, reverse=False) -> list:
        """Going back reads the same order reversed, from the same index backwards."""
        descending = self.descending != reverse
        column = F(self.column)
        if self.nullable:
            nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
            column = column.desc(**nulls) if descending else column.asc(**nulls)
        else:
            column = column.desc() if descending else column.asc()
        return [column, "-id" if self.id_descending != reverse else "id"]

    def cursor(self, rows, value):
        """The row named by `value` (an id from the request) that a page starts after or
        ends before; junk, or a row outside `rows`, gives None: the first page."""
        if not is_possible_id(str(value or "")):
            return None
        return rows.select_related(None).filter(pk=int(value)).only("id", self.column).first()

    def page(self, rows, *, size: int, after=None, before=None, fetch=None):
        """Rows of the page, whether one comes before it and whether one follows. `after`
        and `before` are rows (the cursor) of the same list, or None.

        With `fetch` (ids → {id: row}), the page's ids are read first from `rows` alone
        and the rows with their joins after: PostgreSQL misjudges how many rows lie past
        a cursor in a column of few values (the responsible's department, the provider)
        and, joining, sorted a quarter of a million rows instead of reading 51 off the
        index. Without joins the index order is the only sensible plan."""
        if fetch is not None:
            rows = rows.only("id", self.column)
        if before is not None:
            found = self.read(rows, before, size=size, reverse=True)
            shown, has_previous, has_next = list(reversed(found[:size])), len(found) > size, True
        else:
            found = self.read(rows, after, size=size, reverse=False)
            shown, has_previous, has_next = found[:size], after is not None, len(found) > size
        if fetch is not None:
            full = fetch([row.pk for row in shown])
            shown = [full[row.pk] for row in shown if row.pk in full]
        return shown, has_previous, has_next

    def read(self, rows, cursor, *, size: int, reverse: bool) -> list:
        limit = size + 1
        if cursor is None:
            return list(rows.order_by(*self.order(reverse=reverse))[:limit])
        value = getattr(cursor, self.column)
        nulls_come_first = self.nullable and reverse
        if value is None:
            # Within the empty ones, by id; then (going back) the others.
            found = list(
                rows.filter(
                    **{f"{self.column}__isnull": True}, **self.id_beyond(cursor, reverse)
                ).order_by(*self.order(reverse=reverse))[:limit]
            )
            if nulls_come_first and len(found) < limit:
                others = rows.filter(**{f"{self.column}__isnull": False})
                found += list(others.order_by(*self.order(reverse=reverse))[: limit - len(found)])
            return found
        found = list(
            rows.filter(self.beyond(rows.model, value, cursor.pk, reverse)).order_by(
                *self.order(reverse=reverse)
            )[:limit]
        )
        if self.nullable and not reverse and len(found) < limit:
            empty = rows.filter(**{f"{self.column}__isnull": True})
            found += list(empty.order_by(*self.order())[: limit - len(found)])
        return found

    def id_beyond(self, cursor, reverse) -> dict:
        return {"id__lt" if self.id_descending != reverse else "id__gt": cursor.pk}

    def beyond(self, model, value, pk, reverse):
        """Rows after (value, pk) in this order, as an index range: a row comparison when
        the column and the id go the same way, else the column's range and a filter."""
        descending = self.descending != reverse
        field = model._meta.get_field(self.column)
        value = field.get_db_prep_value(value, connection)
        if (self.id_descending != reverse) == descending:
            operator = "<" if descending else ">"
            return TableSQL(
                f'({{table}}."{field.column}", {{table}}."id") {operator} (%s, %s)',
                [value, pk],
                output_field=BooleanField(),
            )
        strictly = Q(**{f"{self.column}__{'lt' if descending else 'gt'}": value})
        same = Q(**{self.column: value}, **self.id_beyond(_Row(pk), reverse))
        return Q(**{f"{self.column}__{'lte' if descending else 'gte'}": value}) & (strictly | same)


@dataclass(frozen=True)
class _Row:
    pk: int


def pager(found: list, *, size: int, has_previous: bool, has_next: bool, sizes) -> dict:
    """What the desk's pager (`desk/tickets/_pager.html`) shows for a keyset page."""
    return {
        "page": {
            "size": size,
            "first": found[0].pk if found else None,
            "last": found[-1].pk if found else None,
        },
        "has_previous": has_previous,
        "has_next": has_next,
        "page_sizes": sizes,
    }


def keyset_page(keyset: Keyset, rows, query, *, size: int, sizes=()) -> tuple[list, dict]:
    """A desk list's page from the request's `after` or `before` (rows of `rows`), and
    what its pager shows."""
    after = keyset.cursor(rows, query.get("after"))
    before = keyset.cursor(rows, query.get("before"))
    found, has_previous, has_next = keyset.page(rows, size=size, after=after, before=before)
    return found, pager(found, size=size, has_previous=has_previous, has_next=has_next, sizes=sizes)


def page_size(value, *, sizes, default: int) -> int:
    """The page size the request asks for, if it is one of `sizes`."""
    size = parse_whole(str(value or ""))
    return size if size in sizes else default
