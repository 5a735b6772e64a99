"""Validates YAML case files against a JSON Schema with the `jsonschema` package (a real
validator, as an editor's would be): `validate_cases.py SCHEMA CASE.yaml...`. Prints each
invalid case and a closing count `N cases, M invalid`. Used by tests/case_schema.rs."""
import json, sys, yaml, datetime, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
def plain(x):
    if isinstance(x, (datetime.date, datetime.datetime)): return x.isoformat()
    if isinstance(x, dict): return {str(k): plain(w) for k, w in x.items()}
    if isinstance(x, list): return [plain(w) for w in x]
    return x
bad = 0; n = 0
for path in sys.argv[2:]:
    for doc in yaml.safe_load_all(open(path, encoding='utf-8')):
        if doc is None: continue
        n += 1
        errs = list(v.iter_errors(plain(doc)))
        if errs:
            bad += 1
            print(f"{path}: {doc.get('id')}: {errs[0].message[:200]} at {list(errs[0].absolute_path)}")
print(f"{n} cases, {bad} invalid")
