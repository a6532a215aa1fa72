"""Regenerate the sample inboxes of 平顶山市 for qstat: 2024Q2 (clean) and 2024Q3 (messy).

    python sample_workbooks/make_samples              # writes into sample_workbooks/
    python sample_workbooks/make_samples --out DIR    # or elsewhere
    python sample_workbooks/make_samples --no-verify

What it writes (everything under sample_workbooks/ or --out, nothing else):
    qstat.toml               the city office's configuration
    2024Q2/                  one clean workbook per unit (12 units)
    2024Q3/                  a realistic inbox: resubmission, .xls, formulas, lock file, ...
    expected/2024Q2.json     ground truth computed from the generator's own data
    expected/2024Q3.json
    README.md                what is in each inbox and the table of planted problems
                             (README.md.template with the generated tables and figures filled in)

How the data is made: every unit gets a ledger of projects (a stock in construction at the
end of 2024Q1), then each quarter registers new projects and accepts (竣工) some of the
stock. F3 is the stock at quarter end, F4 the quarter's acceptances, F5 and F6 are derived
from those lists, so the figures are consistent by construction. The planted problems are
applied at write time ("what the clerk typed"), and recorded with their cell addresses so
that README.md can list them.

Everything is deterministic (fixed seeds, fixed zip timestamps and document dates). The two
files that LibreOffice writes (郏县.xls, the round-tripped 汝州市.xlsx) are normalised the same
way and were stable between runs here, but their bytes depend on the LibreOffice version.

Modules, in the order the data flows: ``city`` (units, quarters, rounding), ``ledger`` (the
projects and the simulated quarters), ``figures`` (F5/F6 and totals), ``workbook`` (clerk
styles and the forms), ``scores`` (考核评分表), ``files`` (saving, LibreOffice), ``inboxes``
(who sends what, expected JSON), ``readme``, ``cli``. It imports nothing from qstat: it reads
only the item texts and points of one score spec file.
"""
