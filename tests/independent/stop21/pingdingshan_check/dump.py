import sys, python_calamine as pc
wb = pc.CalamineWorkbook.from_path(sys.argv[1])
names = sys.argv[2:] or wb.sheet_names
print(wb.sheet_names)
for n in names:
    rows = wb.get_sheet_by_name(n).to_python(skip_empty_area=False)
    print("==", n, len(rows))
    for i, r in enumerate(rows[:14]):
        print(i+1, [x for x in r])
