"""信息比对 on Spark: the example's registries read by PySpark (local[2]), the
mapping's query run in Spark SQL, every row decided by `zhengce.evaluate` through
`mapInArrow`, and the push list written as `zhengce-match` writes it. The list must be
byte for byte the one `zhengce-match` writes for the same mapping (the binary named by
$ZHENGCE_MATCH) and the one shipped in examples/outreach.

Run by test.sh, in the virtualenv maturin installed the package into."""

import csv
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "outreach"
MAPPING_FILE = EXAMPLE / "hunan-2025.mapping.toml"
# The push list's headings, as `zhengce-match` writes them in Chinese.
HEADINGS = ["身份证号码", "区县", "类别", "条款", "理由"]


def spark_sql(sql):
    """The mapping's query in Spark's dialect. The mapping is written for DataFusion,
    which, like standard SQL, quotes identifiers with double quotes ("身份证号码",
    "person.id_number"); Spark SQL reads double quotes as a string literal and quotes
    identifiers with backticks. The query has no double quote inside a literal."""
    return re.sub(r'"([^"`]*)"', r"`\1`", sql)


def quoted(name):
    """A column named by a case field path (`person.id_number`): without backticks,
    Spark would read its dot as a struct's field."""
    return f"`{name}`"


def decide_on_spark(spark, mapping):
    """The decided rows of the push list, sorted as `zhengce-match` sorts them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    for registry in mapping["registry"]:
        frame = (
            spark.read.option("header", True)
            .option("inferSchema", False)  # every column as text, as zhengce-match reads them
            .option("encoding", registry.get("encoding", "utf-8"))
            .csv(str(EXAMPLE / registry["file"]))
        )
        frame.createOrReplaceTempView(registry["name"])
    rows = spark.sql(spark_sql(mapping["query"]["sql"]))

    person, district = mapping["person"], mapping["district"]
    listed_when, unless = mapping["listed_when"], mapping["unless"]
    definitions = listed_when + unless
    as_of = mapping["as_of"]  # tomllib reads `as_of = 2026-06-30` as a datetime.date

    # A person twice in the query's result (the same ID twice in a registry) is decided
    # once, as zhengce-match does: here the row first by all its columns, so that the
    # choice does not depend on how Spark partitions the rows.
    order = Window.partitionBy(F.col(quoted(person))).orderBy(*[F.col(quoted(c)) for c in rows.columns])
    once = rows.withColumn("_n", F.row_number().over(order)).where("_n = 1").drop("_n")

    wanted = [person, district, "error", *definitions, "categories", "clauses", "reasons"]
    schema = StructType(
        [StructField(c, BooleanType() if c in definitions else StringType()) for c in wanted]
    )

    # PySpark's mapInArrow looks its input columns up by name, and takes the dot of a
    # case field path for a struct's field: the columns go in by position, renamed, and
    # each batch gets its names back in the worker.
    names = once.columns

    def decide(batches):
        # Runs in Spark's Python workers: each loads the policy once, on its first batch.
        import pyarrow as pa
        import zhengce

        for batch in batches:
            batch = pa.RecordBatch.from_arrays(batch.columns, names=names)
            decided = zhengce.evaluate(batch, as_of, carried=[district], definitions=definitions)
            yield decided.select(wanted)

    decided = once.toDF(*[f"c{i}" for i in range(len(names))]).mapInArrow(decide, schema)
    keep = F.col("error").isNull()
    for name in listed_when:
        keep &= F.col(name)  # null (never, without an error) is not true
    for name in unless:
        keep &= ~F.coalesce(F.col(name), F.lit(False))
    # Ascending, nulls first, strings by their UTF-8 bytes: the order of zhengce-match's
    # sort by (district, ID) in Rust, where no district comes before any.
    listed = decided.where(keep).orderBy(F.col(district).asc_nulls_first(), F.col(quoted(person)))
    # The list is small (people to call); the registries behind it are what is big.
    return [(r[person], r[district], r["categories"], r["clauses"], r["reasons"]) for r in listed.collect()]


def write_push_list(rows, path):
    """The push list as zhengce-match writes it: its headings, IDs masked, no district
    as an empty field, quotes only where a field needs them, `\\n` line ends."""
    import zhengce

    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADINGS)
        for id_number, district, categories, clauses, reasons in rows:
            writer.writerow([zhengce.mask_id(id_number), district or "", categories, clauses, reasons])


class SparkOutreach(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from pyspark.sql import SparkSession

        # The workers must run this interpreter: the virtualenv zhengce is installed in.
        os.environ["PYSPARK_PYTHON"] = sys.executable
        # One machine: Spark talks to itself on the loopback address only.
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        cls.spark = (
            SparkSession.builder.master("local[2]")
            .appName("zhengce-outreach-test")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")  # a few hundred rows, not 200 tasks a shuffle
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.host", "127.0.0.1")
            # Spark 4 reads CSV only in the Unicode charsets and Latin-1 unless told to
            # take any charset Java knows; the unemployment extract is GB18030.
            .config("spark.sql.legacy.javaCharsets", "true")
            .getOrCreate()
        )
        cls.spark.sparkContext.setLogLevel("ERROR")
        cls.scratch = tempfile.TemporaryDirectory(prefix="zhengce-spark-")

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        cls.scratch.cleanup()

    def test_the_push_list_on_spark_is_the_one_zhengce_match_writes(self):
        with open(MAPPING_FILE, "rb") as f:
            mapping = tomllib.load(f)
        self.assertNotIn("policy", mapping, "the example uses the built-in policy, as evaluate(policy=None)")
        rows = decide_on_spark(self.spark, mapping)
        ours = Path(self.scratch.name) / "spark-push-list.csv"
        write_push_list(rows, ours)

        theirs = Path(self.scratch.name) / "match-push-list.csv"
        matched = subprocess.run(
            [os.environ["ZHENGCE_MATCH"], "--mapping", str(MAPPING_FILE), "--out", str(theirs)],
            env={**os.environ, "ZHENGCE_LANG": "zh"},
            capture_output=True,
        )
        # 1: the example's registries have data problems on purpose (its error table).
        self.assertEqual(matched.returncode, 1, matched.stderr.decode(errors="replace"))

        self.assertEqual(len(rows), 100)
        self.assertEqual(ours.read_bytes(), theirs.read_bytes())
        self.assertEqual(ours.read_bytes(), (EXAMPLE / "expected-push-list.csv").read_bytes())


if __name__ == "__main__":
    unittest.main()
