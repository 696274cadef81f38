"""List items, recognised one way by the cleaner and the segmenter.

A line is a list item when it starts (after blanks) with a bullet or dash, a number of up to
three digits with ``.`` or ``)``, or a small letter with ``)``, and text follows after a blank.
The cleaner does not unwrap a paragraph holding one (:mod:`pipeline.clean.print_layout`);
the segmenter ends a unit before one (:mod:`pipeline.segment.lines`).

>>> [bool(LIST_ITEM.match(line)) for line in ["- erstens", "• Punkt", "3. Juni", "b) zweitens", "z. B. so", "-", "Text"]]
[True, True, True, True, False, False, False]
"""

import regex

LIST_ITEM = regex.compile(r"[ \t]*(?:[-–—•*·▪►✓]|\d{1,3}[.)]|\p{Ll}\))[ \t]+\S")
