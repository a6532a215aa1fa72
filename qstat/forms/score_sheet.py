"""考核评分表 / 自评打分表 (self-assessment score sheet): located now, parsed by a later issue."""

TITLE_PATTERN = r"考核评分表|自评打分表|评分表|打分表"
