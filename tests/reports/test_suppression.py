"""The disclosure rule on adversarial small tables: no published cell below five people, and
no suppressed cell that a reader can work out from the published cells and the totals.

Every protected table here is attacked twice: by `revealed` (exact linear algebra over the
table's sums, independent of the production code) and by `lone_suppressions` (a row or column
with a single ".", the attack anyone with a pencil tries first).
"""

import random

import pytest

from lotse.reports.suppression import (
    MIN_PEOPLE,
    SUPPRESSED_MARK,
    TOTAL,
    ZERO_MARK,
    Cell,
    Line,
    Table,
    derivable,
    lock,
    suppress,
)
from tests.reports.attack import lone_suppressions, revealed


def grid_table(grid: list[list[int]], *, margins: bool = True) -> Table:
    """Rows r0…, columns c0…, with row totals, column totals and the grand total."""
    rows = [Line(TOTAL, "all")] + [Line(f"r{i}", f"row {i}", TOTAL) for i in range(len(grid))]
    columns = [Line(f"c{j}", f"column {j}") for j in range(len(grid[0]))]
    if margins:
        columns.append(Line(TOTAL, "all"))
    table = Table("t", "t", rows, columns)
    for i, line in enumerate(grid):
        for j, n in enumerate(line):
            table.cells[(f"r{i}", f"c{j}")] = Cell(people=n, value=n)
        if margins:
            table.cells[(f"r{i}", TOTAL)] = Cell(people=sum(line), value=sum(line))
    for j in range(len(grid[0])):
        n = sum(line[j] for line in grid)
        table.cells[(TOTAL, f"c{j}")] = Cell(people=n, value=n)
    if margins:
        n = sum(map(sum, grid))
        table.cells[(TOTAL, TOTAL)] = Cell(people=n, value=n)
    return table


def list_table(values: list[int]) -> Table:
    """One column: the parts and their total."""
    rows = [Line(TOTAL, "all")] + [Line(f"r{i}", f"row {i}", TOTAL) for i in range(len(values))]
    table = Table("l", "l", rows, [Line("n", "n")])
    for i, n in enumerate(values):
        table.cells[(f"r{i}", "n")] = Cell(people=n, value=n)
    table.cells[(TOTAL, "n")] = Cell(people=sum(values), value=sum(values))
    return table


def assert_safe(table: Table) -> None:
    assert revealed(table) == []
    assert lone_suppressions(table) == []
    assert derivable(table) == []
    for (row, column), cell in table.cells.items():
        shown = table.display(row, column)
        if shown not in (SUPPRESSED_MARK, ZERO_MARK):
            assert cell.people >= MIN_PEOPLE, (row, column, cell)


def marks(table: Table) -> list[list[str]]:
    return [[table.display(r.key, c.key) for c in table.columns] for r in table.rows]


def test_one_small_cell_in_a_list_takes_the_next_smallest_cell_with_it():
    table = suppress(list_table([3, 12, 20, 40]))
    assert marks(table) == [["75"], ["."], ["."], ["20"], ["40"]]
    assert_safe(table)


def test_two_small_cells_in_a_list_protect_each_other():
    table = suppress(list_table([3, 4, 20, 40]))
    assert marks(table) == [["67"], ["."], ["."], ["20"], ["40"]]
    assert_safe(table)


def test_a_list_whose_total_is_small_shows_nothing_but_zeros():
    table = suppress(list_table([1, 0, 2]))
    assert marks(table) == [["."], ["."], ["-"], ["."]]
    assert_safe(table)


def test_one_small_cell_in_a_row_is_hidden_with_a_rectangle_of_complements():
    table = suppress(grid_table([[3, 10, 12], [8, 9, 20], [15, 30, 6]]))
    assert table.display("r0", "c0") == "."
    suppressed_rows = {r for (r, c), cell in table.cells.items() if cell.suppressed}
    suppressed_columns = {c for (r, c), cell in table.cells.items() if cell.suppressed}
    assert len(suppressed_rows) >= 2 and len(suppressed_columns) >= 2
    assert table.display(TOTAL, TOTAL) == "113"
    assert_safe(table)


def test_two_small_cells_in_one_row():
    table = suppress(grid_table([[2, 3, 12, 30], [8, 9, 20, 6], [15, 30, 6, 7]]))
    assert table.display("r0", "c0") == "." and table.display("r0", "c1") == "."
    assert_safe(table)


def test_two_small_cells_in_one_column():
    table = suppress(grid_table([[2, 12, 30], [4, 20, 6], [15, 6, 7]]))
    assert table.display("r0", "c0") == "." and table.display("r1", "c0") == "."
    assert_safe(table)


def test_a_small_row_total_is_suppressed_and_protected_like_any_cell():
    table = suppress(grid_table([[1, 2, 0], [8, 9, 20], [15, 30, 6]]))
    assert table.display("r0", TOTAL) == "."
    assert_safe(table)


def test_a_small_column_total_is_suppressed_and_protected():
    table = suppress(grid_table([[1, 12, 7], [0, 9, 20], [2, 30, 6]]))
    assert table.display(TOTAL, "c0") == "."
    assert_safe(table)


def test_zeros_are_published_as_a_dash_and_never_primary_suppressions():
    table = suppress(grid_table([[0, 0, 40], [0, 25, 20], [3, 30, 6]]))
    assert table.display("r0", "c0") == ZERO_MARK
    assert table.cell("r0", "c0").primary is False
    assert table.display("r2", "c0") == "."
    assert_safe(table)


def test_small_non_zero_cells_are_taken_as_complements_before_zeros():
    table = suppress(grid_table([[3, 0, 40], [9, 25, 20], [0, 30, 6]]))
    secondary = [key for key, cell in table.cells.items() if cell.suppressed and not cell.primary]
    assert secondary and all(table.cells[key].people > 0 for key in secondary)
    assert_safe(table)


def test_a_table_of_small_cells_shows_only_its_grand_total():
    table = suppress(grid_table([[1, 2], [2, 1]]))
    assert marks(table) == [[".", ".", "6"], [".", ".", "."], [".", ".", "."]]
    assert_safe(table)


def test_a_single_row_table_hides_its_small_cell_and_the_identical_total_row():
    table = suppress(grid_table([[3, 9, 14]]))
    assert table.display("r0", "c0") == "." and table.display(TOTAL, "c0") == "."
    assert_safe(table)


def test_nested_rows_protect_districts_inside_their_region_and_regions_inside_the_network():
    rows = [Line(TOTAL, "network"), Line("a", "region a", TOTAL), Line("b", "region b", TOTAL)]
    rows += [Line("a1", "a1", "a"), Line("a2", "a2", "a"), Line("a3", "a3", "a")]
    rows += [Line("b1", "b1", "b"), Line("b2", "b2", "b")]
    values = {"a1": 3, "a2": 12, "a3": 20, "b1": 2, "b2": 1}
    values |= {"a": 35, "b": 3, TOTAL: 38}
    table = Table("g", "g", rows, [Line("n", "n")])
    for key, n in values.items():
        table.cells[(key, "n")] = Cell(people=n, value=n)
    suppress(table)
    assert table.display("a1", "n") == "." and table.display("b", "n") == "."
    assert table.display(TOTAL, "n") == "38", "the network total is the last cell to give up"
    assert_safe(table)


def test_locked_totals_keep_the_status_they_have_in_the_linked_table():
    table = grid_table([[3, 10, 12], [8, 9, 20], [15, 30, 6]])
    for i in range(3):
        lock(table, f"r{i}", TOTAL, like=Cell(people=1, suppressed=False))
    lock(table, TOTAL, TOTAL, like=Cell(people=1, suppressed=False))
    suppress(table)
    assert all(table.display(f"r{i}", TOTAL) != "." for i in range(3))
    assert table.display("r0", "c0") == "."
    assert_safe(table)


def test_a_locked_suppressed_total_gets_complements_inside_the_table():
    table = grid_table([[6, 10, 12], [8, 9, 20], [15, 30, 6]])
    lock(table, "r0", TOTAL, like=Cell(people=28, suppressed=True))
    suppress(table)
    assert table.display("r0", TOTAL) == "."
    assert any(table.cell("r0", f"c{j}").suppressed for j in range(3))
    assert_safe(table)


def test_a_lead_cannot_subtract_their_own_clients_to_read_off_a_few_others():
    network = grid_table([[9, 10, 12], [8, 9, 20], [15, 30, 6]])
    own = grid_table([[7, 0, 0], [0, 0, 0], [0, 0, 0]])
    suppress(network, own=own)
    assert network.display("r0", "c0") == ".", "9 people, 7 of them the lead's own: 2 others"
    assert_safe(network)


def test_a_median_is_shown_only_when_five_people_stand_behind_it():
    rows = [Line(TOTAL, "all"), Line("a", "a", TOTAL), Line("b", "b", TOTAL), Line("c", "c")]
    table = Table("m", "m", rows, [Line("days", "days")], additive=False)
    table.cells[(TOTAL, "days")] = Cell(people=9, value=80)
    table.cells[("a", "days")] = Cell(people=5, value=60)
    table.cells[("b", "days")] = Cell(people=4, value=120)
    table.cells[("c", "days")] = Cell(people=0, value=None)
    suppress(table)
    assert [table.display(r.key, "days") for r in rows] == ["80", "60", ".", "-"]


def test_counts_of_things_that_are_not_people_pass_unchanged():
    table = grid_table([[1, 2], [3, 4]])
    table.personal = False
    suppress(table)
    assert table.display("r0", "c0") == "1"


def test_a_table_that_cannot_be_protected_is_withheld_entirely():
    table = grid_table([[3, 10], [8, 9]])
    for key in table.cells:
        if key != ("r0", "c0"):
            lock(table, *key, like=Cell(people=10, suppressed=False))
    suppress(table)
    assert table.withheld
    assert all(m == "." for line in marks(table) for m in line)


@pytest.mark.parametrize("seed", range(6))
def test_random_small_tables_never_reveal_a_suppressed_cell(seed):
    rng = random.Random(seed)
    for _ in range(150):
        rows, columns = rng.randint(1, 6), rng.randint(2, 7)
        grid = [
            [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for _ in range(columns)]
            for _ in range(rows)
        ]
        table = suppress(grid_table(grid, margins=rng.random() < 0.8))
        assert not table.withheld, grid
        assert_safe(table)


def test_the_attack_itself_finds_a_lone_suppression():
    table = grid_table([[3, 10, 12], [8, 9, 20]])
    table.cells[("r0", "c0")].suppressed = True
    assert revealed(table) == [("r0", "c0")]
    assert lone_suppressions(table)
    assert derivable(table) == [("r0", "c0")]
