"""Numbers in text, in one place: spoken ones turned into digits (spoken.py) and written
ones found and made plain (written.py: a user's "$1,200.00", a receipt's "1.234,50").

Pure and table-tested, in the lowest layer of automation, so the voice path (app), the
receipt reader (automation.documents) and the value checks (models.policy) read numbers
the same way. No library is used for the spoken rules: text2num's alpha2digit (MIT) reads
cardinals, decimals and ordinals, but a price said "forty two fifty" comes out "42 50",
a code said digit by digit "5 5 5 1 2" and a year "19 99", and those rules need each
number's spoken form, which its output no longer has.
"""
