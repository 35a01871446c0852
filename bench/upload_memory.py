"""Server memory around one large upload batch: before, peak, after, and after the session ends.

Starts ``streamlit run app.py`` on a free loopback port with an empty data folder, opens the
Corpus page in headless Chromium, uploads N files of SIZE MB at once and presses *Add to
workspace*, then reads the server's resident memory (VmRSS) from /proc while it works and
after the browser has gone.

Usage::

    python bench/upload_memory.py                  # 3 files of 120 MB (under the 400 MB batch cap)
    python bench/upload_memory.py --files 4        # 480 MB: refused by the batch cap at once
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from tests.serve import CHROMIUM, CHROMIUM_ARGS, IDLE, free_port, wait_healthy  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=3)
    ap.add_argument("--mb", type=int, default=120)
    args = ap.parse_args()
    import subprocess

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = []
        line = ("Die Außenminister trafen sich am Rande der Generalversammlung in New York. " * 20 + "\n").encode()
        for i in range(args.files):
            path = tmp / f"gross{i}.txt"
            with open(path, "wb") as fh:
                for _ in range(args.mb * 1024 * 1024 // len(line)):
                    fh.write(line)
            files.append(str(path))
        port = free_port()
        env = {**os.environ, "TONLAGE_DATA_DIR": str(tmp / "data")}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        peak, stop = [0.0], threading.Event()

        def watch() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], rss_mb(server.pid))
                time.sleep(0.1)

        try:
            wait_healthy(url, server)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(600_000)
                page.goto(f"{url}/corpus")
                page.wait_for_selector(IDLE)
                before = rss_mb(server.pid)
                threading.Thread(target=watch, daemon=True).start()
                t0 = time.monotonic()
                page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(files)
                page.get_by_text("gross0.txt").first.wait_for()
                page.wait_for_selector(IDLE)
                uploaded = rss_mb(server.pid)
                page.get_by_role("button", name="Add to workspace").click()
                page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=30_000)
                page.wait_for_selector(IDLE)
                time.sleep(1)  # a rerun the page asked for (show the workspace) starts at once
                page.wait_for_selector(IDLE)
                took = time.monotonic() - t0
                page.goto(f"{url}/corpus")  # the next run trims what the upload left
                page.wait_for_selector(IDLE)
                after = rss_mb(server.pid)
                browser.close()
            time.sleep(10)
            ended = rss_mb(server.pid)
        finally:
            stop.set()
            server.terminate()
            server.wait(30)
    print(f"{args.files} files x {args.mb} MB = {args.files * args.mb} MB in one batch ({took:.1f} s)")
    print(
        f"server RSS: before {before:,.0f} MB | uploaded {uploaded:,.0f} MB | peak {peak[0]:,.0f} MB | "
        f"after the batch {after:,.0f} MB | 10 s after the session ended {ended:,.0f} MB"
    )


if __name__ == "__main__":
    main()
