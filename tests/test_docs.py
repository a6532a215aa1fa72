"""The docs match the command line, as sqlite-utils checks its README against ``--help``.

Every subcommand ``qstat --help`` lists is in the README and has a ``## qstat NAME`` section in
docs/commands.md; that section's option table (rows starting ``| `--option``) lists exactly the
options ``qstat NAME --help`` lists. A failure names the command and the option.
(That docs/rules.md lists every rule code is tests/test_rules_catalogue.py: it is generated.)
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from qstat import cli
from qstat.cli import build_parser
from qstat.rules import RULES

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS_MD = (DOCS / "commands.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """The subcommands ``qstat --help`` lists, with their parsers."""
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def help_options(parser: argparse.ArgumentParser) -> set[str]:
    """The long options ``qstat NAME --help`` lists (--help itself aside)."""
    return {
        o
        for a in parser._actions
        if a.help is not argparse.SUPPRESS
        for o in a.option_strings
        if o.startswith("--") and o != "--help"
    }


def command_sections() -> dict[str, str]:
    """docs/commands.md split at its ``## qstat NAME`` headings: name -> section text."""
    parts = re.split(r"^## ", COMMANDS_MD, flags=re.M)
    return {m.group(1): part for part in parts if (m := re.match(r"qstat (\w+)\s*\n", part))}


def documented_options(section: str) -> set[str]:
    """The options of a command's table: rows that start with `--option`."""
    return set(re.findall(r"^\| `(--[\w-]+)", section, flags=re.M))


COMMANDS = subcommands()


def test_the_parser_lists_the_commands():
    assert {"consolidate", "check", "scores", "report"} <= set(COMMANDS)


def test_every_command_is_in_the_readme():
    assert [c for c in COMMANDS if f"qstat {c}" not in README] == []


def test_docs_commands_md_has_a_section_for_each_command_and_no_other():
    sections = command_sections()
    assert sorted(set(COMMANDS) - set(sections)) == [], "commands without a section in docs/commands.md"
    assert sorted(set(sections) - set(COMMANDS)) == [], "sections of docs/commands.md for no command"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_option_of_help_is_documented(command):
    documented = documented_options(command_sections().get(command, ""))
    undocumented = sorted(help_options(COMMANDS[command]) - documented)
    assert undocumented == [], f"qstat {command}: in --help, not in docs/commands.md: {undocumented}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_documented_option_exists(command):
    documented = documented_options(command_sections().get(command, ""))
    unknown = sorted(documented - help_options(COMMANDS[command]))
    assert unknown == [], f"qstat {command}: in docs/commands.md, not in --help: {unknown}"


def test_the_docs_name_only_rules_of_the_catalogue():
    codes = {
        p.name: set(re.findall(r"\b(?:[A-Z]{2}\d{3}|F\d-\d{3})\b", p.read_text(encoding="utf-8")))
        for p in (DOCS / "forms.md", DOCS / "commands.md")
    }
    assert {name: sorted(c - set(RULES)) for name, c in codes.items()} == {"forms.md": [], "commands.md": []}


def test_links_between_the_docs_resolve():
    broken = []
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert broken == []


def test_nothing_points_at_the_documents_outside_the_repository():
    texts = [ROOT / "README.md", *DOCS.glob("*.md"), *(ROOT / "qstat").rglob("*.py")]
    stale = [
        str(p.relative_to(ROOT))
        for p in texts
        if re.search(r"CONTRACT\.md|FORMS\.md", p.read_text(encoding="utf-8"))
    ]
    assert stale == []


def test_ci_runs_the_readmes_test_command_as_one_step():
    """.ci/run runs the README's one test command as written, in a subshell: under ``set -e`` a
    failure left of ``&&`` is ignored, but the subshell exits with the list's status, so a
    failed install stops the run."""
    block = re.search(r"this is what `\.ci/run` runs\):\n\n((?: {4}.+\n)+)", README)
    assert block is not None, "README: the test command block after 'this is what `.ci/run` runs'"
    [command] = [line.strip() for line in block.group(1).splitlines()]
    steps = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert f"( {command} )" in steps
    assert "set -euo pipefail" in steps


def test_a_run_builds_only_its_command_with_the_same_help():
    """`qstat check …` builds only check's parser: its help is the one the whole parser has."""
    whole = subcommands()
    assert list(whole) == list(cli.COMMANDS)
    for name, parser in whole.items():
        action = next(a for a in build_parser(name)._actions if isinstance(a, argparse._SubParsersAction))
        assert list(action.choices) == [name]
        assert action.choices[name].format_help() == parser.format_help()
