"""checklib.py - the assertion helper of every Python test.

check() prints each result and counts the failures; done() ends the test with a failing exit
status if any check failed. A test imports it from tests/ (its parent folder):

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from checklib import check, done
"""
import sys

failures = 0


def check(name, cond, detail="", quiet=False):
    """Count a failure unless cond; print "ok   name" (not when quiet) or "FAIL name  detail"."""
    global failures
    if not cond:
        failures += 1
        print("FAIL " + name + f"  {detail}"[:3000])
    elif not quiet:
        print(f"ok   {name}")
    return bool(cond)


def done():
    """End the test: exit status 1 if any check failed."""
    print(f"{failures} failed")
    sys.exit(1 if failures else 0)
