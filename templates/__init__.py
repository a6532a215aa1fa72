"""The 审核意见 letter template (审核意见.docx), shipped inside the package as qstat.templates.

Regenerate it with `python templates/make_review_template.py`, or edit it in Word/WPS.
"""
