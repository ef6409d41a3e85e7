"""Disclosure control for every published table (PRODUCT.md §4, statistics rule).

Rules, applied by the one function `suppress(table)` that the dashboards, exports, the funder
report and the `lotse report` command all call:

* **Primary suppression.** A cell behind which 1 to 4 people stand is suppressed. "People" are
  distinct persons, never events: a cell of sessions, cases or registrations is published only
  when at least five different people stand behind it. When the viewer belongs to an
  organisation whose own figures are part of the network (an organisation lead), a network cell
  is also suppressed when 1 to 4 people of *other* organisations stand behind it, so the lead
  cannot subtract their own clients and read off a handful of someone else's.
* **Zeros** are published (written `-`, the statistical offices' sign for "nothing"): an empty
  cell reveals no person. They are never primary suppressions. As complements they count as if
  50 people stood behind them (a reader may know a cell is empty), so small non-zero cells are
  taken first.
* **Secondary (complementary) suppression.** Totals are sums of their parts. A suppressed cell
  can be worked out from the published cells exactly when it is a *bridge* in the graph whose
  nodes are the table's sum constraints (one per row total, one per column total, one per
  subtotal) and whose edges are the suppressed cells: every cell takes part in at most two
  constraints, and a cell on a cycle can change together with the cycle's other cells without
  changing any published total. For each bridge the cheapest path joining its two ends over
  the other cells is suppressed (Dijkstra; the cost of a cell is its people, plus a large
  surcharge for totals, the largest for the top row and the grand total), which puts the bridge
  on a cycle. A table where that is impossible is withheld.
* Medians, means and rates are not sums: such a cell is published only when it rests on at
  least five people; a rate whose parts are suppressed is suppressed too (done by the caller).
* Counts of things that are not people (training events, institutions) are published as they
  are; `personal=False` tables pass through unchanged.

Cells may be *locked* with the status they have in a linked table (the same total shown in
another table), so that one number is never published in one place and suppressed in another.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

MIN_PEOPLE = 5
SUPPRESSED_MARK = "."
ZERO_MARK = "-"
TOTAL = "total"
# A zero hides nothing, but a reader may know it is zero: as a complement it costs like this
# many people, so small non-zero cells go first.
ZERO_WEIGHT = 50
GROUND = ("ground",)

Key = tuple[str, str]  # (row key, column key)
Node = tuple


@dataclass
class Cell:
    people: int = 0
    value: int | float | None = 0
    suppressed: bool = False
    primary: bool = False
    locked: bool = False

    @property
    def is_zero(self) -> bool:
        return not self.people and not self.value


@dataclass(frozen=True)
class Line:
    """A row or a column. `parent` (rows only) names the row this row adds up into."""

    key: str
    label: str
    parent: str | None = None


@dataclass
class Table:
    """A published table: rows × columns of cells.

    Rows form a tree: a row with children is their sum in every column. A column `TOTAL`, if
    present, is the sum of the other columns in every row; tables with such a column have at
    most one level of rows below the total row (so each cell sits in at most two sums).
    """

    name: str
    title: str
    rows: list[Line]
    columns: list[Line]
    cells: dict[Key, Cell] = field(default_factory=dict)
    additive: bool = True
    personal: bool = True
    measure: str = "people"
    row_dimension: str = ""
    column_dimension: str = ""
    withheld: bool = False
    note: str = ""

    def cell(self, row: str, column: str) -> Cell:
        found = self.cells.get((row, column))
        if found is None:
            found = self.cells[(row, column)] = Cell(value=0 if self.additive else None)
        return found

    def row(self, key: str) -> Line | None:
        return next((r for r in self.rows if r.key == key), None)

    def children(self, key: str | None) -> list[Line]:
        return [r for r in self.rows if r.parent == key]

    @property
    def has_total_column(self) -> bool:
        return any(c.key == TOTAL for c in self.columns)

    def published(self, row: str, column: str) -> bool:
        return not self.withheld and not self.cell(row, column).suppressed

    def display(self, row: str, column: str) -> str:
        """The cell as written in every output: a number, `.` (suppressed) or `-` (zero)."""
        cell = self.cell(row, column)
        if self.withheld or cell.suppressed:
            return SUPPRESSED_MARK
        if cell.value is None or (cell.value == 0 and (self.additive or not cell.people)):
            return ZERO_MARK
        if isinstance(cell.value, float):
            return f"{cell.value:.1f}"
        return str(cell.value)


# --- the rule ----------------------------------------------------------------------------


def too_few(people: int, own: int | None = None) -> bool:
    if 0 < people < MIN_PEOPLE:
        return True
    return own is not None and 0 < people - own < MIN_PEOPLE


def suppress(table: Table, *, own: Table | None = None) -> Table:
    """Apply primary and secondary suppression to `table` in place and return it.

    `own`: the same table counted for the viewer's organisation only (see the module doc).
    """
    if not table.personal:
        return table
    for (row, column), cell in table.cells.items():
        if cell.locked:
            continue
        own_people = own.cell(row, column).people if own is not None else None
        if table.additive:
            if too_few(cell.people, own_people):
                cell.suppressed = cell.primary = True
        elif cell.people < MIN_PEOPLE or too_few(cell.people, own_people):
            if cell.people:
                cell.suppressed = cell.primary = True
            else:
                cell.value = None
    if table.additive:
        _protect(table)
    return table


def lock(table: Table, row: str, column: str, *, like: Cell) -> None:
    """Give `table`'s cell the status the same figure has in a linked table."""
    cell = table.cell(row, column)
    cell.locked = True
    cell.suppressed = like.suppressed
    cell.primary = like.primary


def derivable(table: Table) -> list[Key]:
    """The suppressed cells that the published cells and the table's sums reveal exactly."""
    if table.withheld or not table.additive:
        return []
    graph = _Graph(table)
    return graph.bridges()


# --- secondary suppression ---------------------------------------------------------------


class _Graph:
    """Sum constraints as nodes, cells as edges (a cell in one constraint ends in GROUND)."""

    def __init__(self, table: Table):
        self.table = table
        parents = {r.key: r.parent for r in table.rows}
        has_children = {r.parent for r in table.rows if r.parent is not None}
        total_column = table.has_total_column
        self.ends: dict[Key, tuple[Node, Node]] = {}
        self.members: dict[Node, list[Key]] = defaultdict(list)
        for row in table.rows:
            for column in table.columns:
                nodes: list[Node] = []
                if parents[row.key] is not None:
                    nodes.append(("sum", parents[row.key], column.key))
                if row.key in has_children:
                    nodes.append(("sum", row.key, column.key))
                if total_column:
                    nodes.append(("row", row.key))
                if len(nodes) > 2:
                    raise ValueError("Nested rows and a total column: a cell in three sums.")
                if not nodes:
                    continue
                key = (row.key, column.key)
                a, b = (nodes[0], GROUND) if len(nodes) == 1 else (nodes[0], nodes[1])
                self.ends[key] = (a, b)
                self.members[a].append(key)
                self.members[b].append(key)
                table.cell(row.key, column.key)
        # Totals are what readers look at first: complements avoid them, the grand total most.
        self.margin = {key for key in self.ends if key[0] in has_children or key[1] == TOTAL}
        self.grand = {
            key
            for key in self.margin
            if key[0] in has_children
            and parents[key[0]] is None
            and (key[1] == TOTAL or not total_column)
        }
        # The top row (the whole network by characteristic) comes next.
        self.top = {key for key in self.margin if parents[key[0]] is None}

    def suppressed(self) -> list[Key]:
        cells = self.table.cells
        return [key for key in self.ends if cells[key].suppressed]

    def bridges(self) -> list[Key]:
        """Tarjan's bridge search over the suppressed cells (iterative, parallel edges kept)."""
        edges = self.suppressed()
        adjacency: dict[Node, list[tuple[Node, int]]] = defaultdict(list)
        for i, key in enumerate(edges):
            a, b = self.ends[key]
            adjacency[a].append((b, i))
            adjacency[b].append((a, i))
        order: dict[Node, int] = {}
        low: dict[Node, int] = {}
        found: list[Key] = []
        counter = 0
        for start in adjacency:
            if start in order:
                continue
            order[start] = low[start] = counter
            counter += 1
            stack = [(start, -1, iter(adjacency[start]))]
            while stack:
                node, via, neighbours = stack[-1]
                advanced = False
                for other, edge in neighbours:
                    if edge == via:
                        continue
                    if other in order:
                        low[node] = min(low[node], order[other])
                    else:
                        order[other] = low[other] = counter
                        counter += 1
                        stack.append((other, edge, iter(adjacency[other])))
                        advanced = True
                        break
                if advanced:
                    continue
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(edges[via])
        return found

    def cost(self, key: Key) -> tuple:
        """Which bridge to mend first: the most visible (heaviest) one."""
        return (-self.weight(key), key)

    def weight(self, key: Key) -> int:
        """What suppressing `key` as a complement costs readers: its people, far more for a
        total, most for the grand total; a zero costs like ZERO_WEIGHT people."""
        cell = self.table.cells[key]
        weight = cell.people or ZERO_WEIGHT
        if key in self.grand:
            weight += 10**9
        elif key in self.top:
            weight += 10**6
        elif key in self.margin:
            weight += 10**3
        return weight

    def cheapest_path(self, bridge: Key) -> list[Key] | None:
        """The cheapest cells to suppress so that `bridge` lies on a cycle: a shortest path
        between its two ends over the other cells (suppressed ones are free, locked published
        ones unusable). Dijkstra; None when the ends cannot be joined."""
        cells = self.table.cells
        start, goal = self.ends[bridge]
        best: dict[Node, int] = {start: 0}
        came: dict[Node, tuple[Node, Key]] = {}
        queue: list[tuple[int, int, Node]] = [(0, 0, start)]
        counter = 1
        while queue:
            distance, _n, node = heapq.heappop(queue)
            if node == goal:
                break
            if distance > best.get(node, distance):
                continue
            for key in self.members.get(node, ()):
                cell = cells[key]
                if key == bridge or (cell.locked and not cell.suppressed):
                    continue
                a, b = self.ends[key]
                other = b if a == node else a
                step = 0 if cell.suppressed else self.weight(key)
                if distance + step < best.get(other, distance + step + 1):
                    best[other] = distance + step
                    came[other] = (node, key)
                    heapq.heappush(queue, (distance + step, counter, other))
                    counter += 1
        if goal not in came:
            return None
        path, node = [], goal
        while node != start:
            node, key = came[node]
            if not cells[key].suppressed:
                path.append(key)
        return path


def _protect(table: Table) -> None:
    graph = _Graph(table)
    # Each round puts at least one bridge on a cycle and adding cells never makes a new
    # bridge, so the loop ends; the bound only guards against a logic error.
    for _round in range(len(graph.ends) + 1):
        bridges = graph.bridges()
        if not bridges:
            return
        path = graph.cheapest_path(min(bridges, key=graph.cost))
        if path is None:
            break
        for key in path:
            table.cells[key].suppressed = True
    table.withheld = True
    for cell in table.cells.values():
        cell.suppressed = True
