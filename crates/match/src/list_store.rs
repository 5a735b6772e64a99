//! The push list as it is gathered: a province lists hundreds of thousands of people,
//! each with a line of reasons. Only each person's sort key (district, ID) stays in
//! memory; the rest is written to a file in the staging folder as it comes, and read
//! back in sorted order when the list is written. Counts per district and category are
//! kept on the way.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// One person on the push list.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The resident ID number, in full (masked when written, unless asked otherwise).
    pub id: String,
    /// The district, as the query gives it.
    pub district: Option<String>,
    /// The categories that hold (their numbers or names), joined for the list.
    pub categories: String,
    /// Their clauses.
    pub clauses: Vec<String>,
    /// Why, in one line.
    pub reasons: String,
}

/// A listed person's place in the file, and what the list is sorted by.
struct Entry {
    district: Option<u32>,
    id: Box<str>,
    at: u64,
    len: u32,
}

/// The push list gathered so far.
pub struct ListStore {
    entries: Vec<Entry>,
    districts: Vec<String>,
    district_ids: HashMap<String, u32>,
    file: BufWriter<File>,
    path: PathBuf,
    written: u64,
    by_district: BTreeMap<Option<u32>, u64>,
    by_category: BTreeMap<String, u64>,
}

/// A person read back: ID, district, categories, clauses joined, reasons.
pub struct Row {
    /// The resident ID number, in full.
    pub id: String,
    /// The district.
    pub district: Option<String>,
    /// The categories, joined.
    pub categories: String,
    /// The clauses, joined.
    pub clauses: String,
    /// Why.
    pub reasons: String,
}

impl ListStore {
    /// An empty list whose records go to a file in `dir`.
    pub fn new(dir: &Path) -> io::Result<ListStore> {
        let path = dir.join("push-list.records");
        Ok(ListStore {
            entries: Vec::new(),
            districts: Vec::new(),
            district_ids: HashMap::new(),
            file: BufWriter::with_capacity(1 << 20, File::create(&path)?),
            path,
            written: 0,
            by_district: BTreeMap::new(),
            by_category: BTreeMap::new(),
        })
    }

    /// Adds a person; `join` joins the clauses as the list shows them.
    pub fn push(&mut self, listed: Listed, join: &str) -> io::Result<()> {
        let district = listed.district.map(|d| match self.district_ids.get(&d) {
            Some(i) => *i,
            None => {
                let i = self.districts.len() as u32;
                self.districts.push(d.clone());
                self.district_ids.insert(d, i);
                i
            }
        });
        *self.by_district.entry(district).or_insert(0) += 1;
        for c in &listed.clauses {
            *self.by_category.entry(c.clone()).or_insert(0) += 1;
        }
        let mut len = 0u32;
        for field in [listed.categories.as_str(), &listed.clauses.join(join), &listed.reasons] {
            let n = u32::try_from(field.len()).map_err(io::Error::other)?;
            self.file.write_all(&n.to_le_bytes())?;
            self.file.write_all(field.as_bytes())?;
            len = len.saturating_add(4).saturating_add(n);
        }
        self.entries.push(Entry {
            district,
            id: listed.id.into(),
            at: self.written,
            len,
        });
        self.written += u64::from(len);
        Ok(())
    }

    /// How many are listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Counts per district (`none` names the people without one) and per category
    /// (clause), in order.
    pub fn counts(&self, none: &str) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        let by_district = self
            .by_district
            .iter()
            .map(|(d, n)| (d.map_or(none, |d| &self.districts[d as usize]).to_owned(), *n))
            .fold(BTreeMap::new(), |mut m, (d, n)| {
                *m.entry(d).or_insert(0) += n;
                m
            });
        (by_district, self.by_category.clone())
    }

    /// Every person, sorted by district (none first) and ID, in chunks of `chunk`.
    pub fn sorted(mut self, chunk: usize, mut each: impl FnMut(Vec<Row>) -> io::Result<()>) -> io::Result<()> {
        self.file.flush()?;
        let districts = std::mem::take(&mut self.districts);
        let mut entries = std::mem::take(&mut self.entries);
        let name = |d: Option<u32>| d.map(|d| districts[d as usize].as_str());
        entries.sort_by(|a, b| (name(a.district), &a.id).cmp(&(name(b.district), &b.id)));
        let file = File::open(&self.path)?;
        let mut rows = Vec::with_capacity(chunk);
        let mut bytes = Vec::new();
        for entry in entries {
            bytes.resize(entry.len as usize, 0);
            read_at(&file, &mut bytes, entry.at)?;
            let mut fields = Fields(&bytes).map(|f| String::from_utf8_lossy(f).into_owned());
            let mut next = || fields.next().unwrap_or_default();
            rows.push(Row {
                id: entry.id.into(),
                district: name(entry.district).map(str::to_owned),
                categories: next(),
                clauses: next(),
                reasons: next(),
            });
            if rows.len() == chunk {
                each(std::mem::replace(&mut rows, Vec::with_capacity(chunk)))?;
            }
        }
        each(rows)
    }
}

impl Drop for ListStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The length-prefixed fields of a record.
struct Fields<'a>(&'a [u8]);

impl<'a> Iterator for Fields<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let (len, rest) = self.0.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        let (field, rest) = rest.split_at_checked(len)?;
        self.0 = rest;
        Some(field)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(at))?;
    file.read_exact(buf)
}
