"""SQL fragments about a queryset's own table that stay right inside other querysets."""

from django.db.models import Expression


class TableSQL(Expression):
    """`{table}` in the template becomes the alias of the queryset's table, which stays
    right when the queryset is used inside another (where Django renames it U0, U1 …),
    unlike a RawSQL naming the table."""

    def __init__(self, template: str, params: list, output_field):
        super().__init__(output_field=output_field)
        self.template, self.params, self.alias = template, list(params), None

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.alias)
        return self.template.replace("{table}", table), self.params

    def __repr__(self):
        return f"TableSQL({self.template!r})"
