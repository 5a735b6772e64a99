"""`zhengce.evaluate` on plain pyarrow batches (no pandas, no Spark): the columns it
adds, an error row beside a valid one, both languages, and every kind of ValueError.
Run by test.sh, in the virtualenv maturin installed the package into."""

import datetime
import os
import unittest
from pathlib import Path

import pyarrow as pa

import zhengce

ROOT = Path(__file__).resolve().parents[3]
AS_OF = "2026-06-30"
# A person of the example's registries: certified disabled, registered unemployed.
VALID_ID = "430102199201240019"


def batch(ids, unemployed_since, district=None):
    """Rows of the columns the example mapping's query gives (a few of them)."""
    n = len(ids)
    return pa.record_batch(
        {
            "person.id_number": pa.array(ids, pa.string()),
            "district": pa.array(district or ["芙蓉区"] * n, pa.string()),
            "registration.unemployed_since": pa.array(unemployed_since, pa.string()),
            "person.disability_certified": pa.array([True] * n, pa.bool_()),
            "employment.status": pa.array(["unemployed"] * n, pa.string()),
        }
    )


TWO_ROWS = batch([VALID_ID, "430103199001011915"], ["2026-03-01", "2026-02-30"])
DEFINITIONS = ["eligible", "certified"]


class Evaluate(unittest.TestCase):
    def decide(self, b=TWO_ROWS, **kw):
        kw.setdefault("carried", ["district"])
        kw.setdefault("definitions", DEFINITIONS)
        return zhengce.evaluate(b, AS_OF, **kw)

    def test_every_input_column_then_the_decision_columns(self):
        out = self.decide()
        self.assertIsInstance(out, pa.RecordBatch)
        self.assertEqual(
            out.schema.names,
            TWO_ROWS.schema.names + ["error", "eligible", "certified", "categories", "clauses", "reasons"],
        )
        self.assertEqual(out.schema.field("eligible").type, pa.bool_())
        for name in TWO_ROWS.schema.names:
            self.assertTrue(out.column(name).equals(TWO_ROWS.column(name)), name)

    def test_a_valid_row_is_decided_and_an_invalid_one_is_an_error_row(self):
        valid, invalid = self.decide().to_pylist()
        self.assertIsNone(valid["error"])
        self.assertIs(valid["eligible"], True)
        self.assertIs(valid["certified"], False)
        self.assertEqual((valid["categories"], valid["clauses"]), ("4", "一（四）"))
        self.assertTrue(valid["reasons"].startswith("一（四）：持证残疾人：是"), valid["reasons"])

        self.assertIn("2026-02 只有 28 天", invalid["error"])
        self.assertIn("校验码", invalid["error"])
        self.assertIn("430103********1915", invalid["error"])
        self.assertNotIn("430103199001011915", invalid["error"], "IDs are masked")
        for column in DEFINITIONS + ["categories", "clauses", "reasons"]:
            self.assertIsNone(invalid[column], column)

    def test_english_on_request(self):
        valid, invalid = self.decide(lang="en").to_pylist()
        self.assertIn("2026-02 has 28 days", invalid["error"])
        self.assertTrue(valid["reasons"].startswith("一（四）: certified disability: yes"), valid["reasons"])

    def test_a_date_or_its_text_and_a_policy_file_or_the_built_in_one(self):
        expected = self.decide()
        day = zhengce.evaluate(TWO_ROWS, datetime.date(2026, 6, 30), carried=["district"], definitions=DEFINITIONS)
        self.assertTrue(day.equals(expected))
        policy = ROOT / "policies" / "hunan" / "2025-employment-assistance.policy"
        for _ in range(2):  # the second call takes the policy loaded by the first
            self.assertTrue(self.decide(policy=str(policy)).equals(expected))
        self.assertTrue(self.decide(policy=policy).equals(expected), "a pathlib.Path will do")

    def test_an_empty_batch_gives_an_empty_batch_of_the_same_columns(self):
        out = self.decide(TWO_ROWS.slice(0, 0))
        self.assertEqual(out.num_rows, 0)
        self.assertEqual(out.schema, self.decide().schema)

    def test_what_is_wrong_with_the_call_is_a_value_error_in_the_language_asked(self):
        for kw, zh, en in [
            ({"policy": "/no/such.policy"}, "无法读取政策文件 `/no/such.policy`", "cannot read"),
            ({"definitions": ["eligble"]}, "是否应为 `eligible`", "`eligible`?"),
            ({"carried": []}, "列 `district` 不是案件字段的路径", "column `district` is not"),
        ]:
            with self.assertRaises(ValueError) as said:
                self.decide(**kw)
            self.assertIn(zh, str(said.exception), kw)
            with self.assertRaises(ValueError) as said:
                self.decide(lang="en", **kw)
            self.assertIn(en, str(said.exception), kw)
        for as_of, why in [("2026-02-30", "只有 28 天"), ("yesterday", "YYYY-MM-DD"),
                           (datetime.datetime(2026, 6, 30), "2026-06-30 00:00:00")]:
            with self.assertRaises(ValueError) as said:
                zhengce.evaluate(TWO_ROWS, as_of, carried=["district"])
            self.assertIn(why, str(said.exception))
        with self.assertRaisesRegex(ValueError, "`lang`"):
            self.decide(lang="fr")

    def test_an_id_number_in_what_is_said_is_masked(self):
        with self.assertRaises(ValueError) as said:
            zhengce.evaluate(TWO_ROWS, VALID_ID, carried=["district"])
        self.assertIn("430102********0019", str(said.exception))
        self.assertNotIn(VALID_ID, str(said.exception))

    def test_a_broken_policy_file_is_told_with_its_place(self):
        broken = Path(os.environ.get("TMPDIR", "/tmp")) / f"zhengce-broken-{os.getpid()}.policy"
        broken.write_text('policy "x" {\n  oops\n}\n', encoding="utf-8")
        try:
            with self.assertRaises(ValueError) as said:
                self.decide(policy=str(broken))
            lines = str(said.exception).splitlines()
            self.assertTrue(lines[0].startswith(f"{broken}:2:3: 语法错误"), lines)
            self.assertTrue(lines[1].startswith("  提示："), lines)
            self.assertEqual(lines[-1], f"政策 {broken} 有错误，未作评估")
            with self.assertRaises(ValueError) as said:
                self.decide(policy=str(broken), lang="en")
            self.assertEqual(str(said.exception).splitlines()[-1], f"the policy {broken} has errors: nothing was evaluated")
        finally:
            broken.unlink()

    def test_carried_must_be_a_list_of_names_not_one_name(self):
        with self.assertRaises(TypeError):
            zhengce.evaluate(TWO_ROWS, AS_OF, carried="district")

    def test_mask_id(self):
        self.assertEqual(zhengce.mask_id(VALID_ID), "430102********0019")
        self.assertEqual(zhengce.mask_id("12345"), "*****")


if __name__ == "__main__":
    unittest.main()
