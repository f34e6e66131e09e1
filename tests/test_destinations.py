"""Every output destination (issue 24): a file or folder of the wrong kind, a read-only folder,
a full disk, a path that would overwrite an input, one place named twice. Each gets one clear
message and exit status 2; the inputs stay byte for byte as they were, earlier outputs stay as
they were, and nothing partial is left (no file, no staging folder)."""

from __future__ import annotations

import errno
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import wupmodel as wm
from wupmodel.cli import main
from wupmodel.io.destinations import STAGE_PREFIX


@pytest.fixture(scope="module")
def stock_bytes() -> bytes:
    """A small dwelling table (every 40th dwelling of the default village) as CSV bytes."""
    stock = wm.synthesise_stock("BU01095059").iloc[::40].reset_index(drop=True)
    return stock.to_csv(index=False).encode()


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _fails(args, capsys, fragment: str) -> str:
    """Run the CLI in-process: exit 2 and one message with ``fragment``, no traceback."""
    assert main([str(a) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert fragment in err, err
    assert "Traceback" not in err
    return err


def test_an_output_folder_that_is_a_file(tmp_path, capsys, stock_bytes):
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    taken = tmp_path / "results"
    taken.write_text("not a folder")
    before = _tree(tmp_path)
    _fails(["run", "--stock", stock, "--out", taken], capsys, "exists and is not a folder")
    assert _tree(tmp_path) == before


@pytest.mark.parametrize(
    "command",
    [
        ["optimise", "--json", "{dir}/plan.json"],
        ["evaluate", "--out", "{dir}/outcomes.csv"],
        ["stock", "--buurt", "BU01095059", "--out", "{dir}/aalden.csv"],
    ],
    ids=["optimise-json", "evaluate-out", "stock-out"],
)
def test_an_output_file_that_is_a_folder(tmp_path, capsys, stock_bytes, command):
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    args = [a.format(dir=tmp_path) for a in command]
    Path(args[-1]).mkdir()  # the file's name is taken by a folder
    (Path(args[-1]) / "inside.txt").write_text("keep")
    if command[0] != "stock":
        args += ["--stock", str(stock)]
    before = _tree(tmp_path)
    _fails(args, capsys, "is an existing folder; give a file name")
    assert _tree(tmp_path) == before


def test_a_device_or_a_pipe_is_not_an_output(tmp_path, capsys, stock_bytes):
    """``/dev/full`` (a full disk's stand-in) and a pipe are refused before any work, never
    replaced (writing into a pipe nobody reads would hang)."""
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    pipe = tmp_path / "outcomes.csv"
    os.mkfifo(pipe)
    before = _tree(tmp_path)
    _fails(["evaluate", "--stock", stock, "--out", pipe], capsys, "is not a regular file")
    if Path("/dev/full").exists():
        _fails(["run", "--stock", stock, "--out", "/dev/full"], capsys, "is not a folder")
        _fails(["optimise", "--stock", stock, "--json", "/dev/full"], capsys, "must end in .json")
        assert Path("/dev/full").is_char_device()
    assert pipe.is_fifo()
    assert _tree(tmp_path) == before


def test_a_full_disk_leaves_nothing_partial(tmp_path, capsys, stock_bytes, monkeypatch):
    """The disk fills up after the first files are written (as on a full disk: ENOSPC from the
    writer): no file appears, the earlier results stay as they were, no staging folder is left."""
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    out = tmp_path / "res"
    assert main(["run", "--stock", str(stock), "--out", str(out)]) == 0
    capsys.readouterr()
    (out / "summary.csv").write_text("an earlier result\n")
    before = _tree(tmp_path)
    real = pd.DataFrame.to_csv
    calls = {"n": 0}

    def full(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    _fails(["run", "--stock", stock, "--out", out], capsys, "no space left on the device")
    assert calls["n"] > 2  # some files were written before the disk was full
    _fails(["run", "--stock", stock, "--out", tmp_path / "new"], capsys, "nothing was written")
    assert _tree(tmp_path) == before  # no new folder, no staging folder, old results intact


def _small_tmpfs(path: Path) -> bool:
    """Mount a 64 kB tmpfs on ``path`` (root only); False where that is not allowed."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(path)], capture_output=True
    )
    return proc.returncode == 0


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the zip's close
def test_a_really_full_disk(tmp_path, capsys, stock_bytes):
    """Where a tiny file system can be mounted (root, as in CI): the workbook does not fit."""
    small = tmp_path / "small"
    if not _small_tmpfs(small):
        pytest.skip("cannot mount a small tmpfs here (not root)")
    try:
        stock = tmp_path / "stock.csv"
        stock.write_bytes(stock_bytes)
        _fails(["run", "--stock", stock, "--out", small / "res"], capsys, "no space left")
        assert list(small.iterdir()) == []
        assert stock.read_bytes() == stock_bytes
    finally:
        gc.collect()  # the failed workbook's zip file still holds its descriptor
        if subprocess.run(["umount", str(small)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(small)], check=False)


def _without_dac(argv: list[str]) -> list[str]:
    """``argv`` run so that folder permissions apply: as root, without the capabilities that
    override them (``setpriv``); as any other user, as it is."""
    if os.geteuid() != 0:
        return argv
    if not shutil.which("setpriv"):
        pytest.skip("root without setpriv: permissions do not apply")
    drop = "--bounding-set=-dac_override,-dac_read_search,-fowner"
    return ["setpriv", drop, "--", *argv]


@pytest.mark.parametrize(
    "outputs",
    [["--out", "{ro}"], ["--out", "{ro}/new/deeper"], ["--json", "{ro}/plan.json"]],
    ids=["into-it", "below-it", "a-file-in-it"],
)
def test_a_read_only_folder(tmp_path, stock_bytes, outputs):
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    stock.chmod(0o644)
    tmp_path.chmod(0o755)
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "earlier.csv").write_text("kept")
    ro.chmod(0o555)
    before = _tree(tmp_path)
    try:
        argv = [sys.executable, "-m", "wupmodel.cli", "optimise", "--stock", str(stock)]
        argv += [a.format(ro=ro) for a in outputs]
        proc = subprocess.run(_without_dac(argv), capture_output=True, text=True)
    finally:
        ro.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert "permission denied" in proc.stderr
    assert _tree(tmp_path) == before


def test_an_output_onto_the_input_stock(tmp_path, capsys, stock_bytes):
    """``run --stock res/summary.csv --out res`` would replace the stock with the summary."""
    res = tmp_path / "res"
    res.mkdir()
    stock = res / "summary.csv"
    stock.write_bytes(stock_bytes)
    before = _tree(tmp_path)
    _fails(["run", "--stock", stock, "--out", res], capsys, "would overwrite an input of this run")
    _fails(["evaluate", "--stock", stock, "--out", stock], capsys, "would overwrite an input")
    link = tmp_path / "link.csv"  # the same file under another name
    link.symlink_to(stock)
    before = _tree(tmp_path)
    _fails(["evaluate", "--stock", stock, "--out", link], capsys, "would overwrite an input")
    assert _tree(tmp_path) == before
    assert stock.read_bytes() == stock_bytes


def test_an_output_onto_the_input_scenario_or_fixed_choices(tmp_path, capsys, stock_bytes):
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    scenario = tmp_path / "plan.json"  # a YAML scenario may have any name; JSON is YAML
    scenario.write_text('{"name": "a scenario file called plan.json"}')
    before = _tree(tmp_path)
    _fails(
        ["optimise", scenario, "--stock", stock, "--out", tmp_path],
        capsys,
        "would overwrite an input",
    )
    assert _tree(tmp_path) == before


def test_one_place_named_twice(tmp_path, capsys, stock_bytes):
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    res = tmp_path / "res"
    res.mkdir()
    before = _tree(tmp_path)
    _fails(
        ["optimise", "--stock", stock, "--json", res / "plan.json", "--out", res],
        capsys,
        "written by both --json and --out",
    )
    assert _tree(tmp_path) == before


def test_good_outputs_land_whole(tmp_path, capsys, stock_bytes):
    """The same commands with good destinations: every file in place, nothing staged left."""
    stock = tmp_path / "stock.csv"
    stock.write_bytes(stock_bytes)
    res = tmp_path / "a" / "b" / "res"  # folders created as needed
    assert main(["run", "--stock", str(stock), "--out", str(res)]) == 0
    assert main(["optimise", "--stock", str(stock), "--out", str(res)]) == 0
    names = set(_tree(res))
    assert {"results.xlsx", "summary.csv", "summary.json", "plan.xlsx", "plan.json"} <= names
    assert not [n for n in _tree(tmp_path) if STAGE_PREFIX in n]
    assert stock.read_bytes() == stock_bytes
    assert oct(res.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
