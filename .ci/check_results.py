"""Fail CI when a test run executed nothing: a green run without tests proves nothing."""

import sys
import xml.etree.ElementTree as ElementTree

failed = False
for path in sys.argv[1:]:
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = sum(int(s.get("tests", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    problems = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    print(f"{path}: {tests} tests, {skipped} skipped, {problems} failed")
    if tests - skipped <= 0 or problems:
        failed = True
sys.exit(1 if failed else 0)
