"""serve_common.py - what the serve test scripts share: counting checks."""
import sys

counts = {"passed": 0, "failed": 0}


def check(name, cond, why=""):
    """Count and print one check: "ok NAME" or "FAIL NAME: why"."""
    if cond:
        counts["passed"] += 1
        print("ok", name)
    else:
        counts["failed"] += 1
        print("FAIL", name + ":", why)


def finish():
    """Print "N passed, N failed" and exit 1 if any failed."""
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    sys.exit(1 if counts["failed"] else 0)
