//! Reading one cell of an Arrow column as a case value ([`Cell`]): each column is
//! looked at once per batch (its type, its array), then read row by row.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use chrono::NaiveDate;
use zhengce::case::Cell;

/// Whether a column of this type can be read as case values.
pub(crate) fn readable(ty: &DataType) -> bool {
    matches!(
        ty,
        DataType::Null
            | DataType::Boolean
            | DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::Date32
    )
}

/// One column of a batch, ready to be read cell by cell.
pub enum ColumnCells<'b> {
    /// Only nulls (or a type [`readable`] refused).
    Null,
    /// Booleans.
    Bool(&'b arrow_array::BooleanArray),
    /// Text.
    Utf8(&'b arrow_array::StringArray),
    /// Long text.
    LargeUtf8(&'b arrow_array::LargeStringArray),
    /// Text as views.
    Utf8View(&'b arrow_array::StringViewArray),
    /// Whole numbers, widened.
    Int(&'b dyn Array, fn(&dyn Array, usize) -> i64),
    /// Dates, as days since 1970-01-01.
    Date32(&'b arrow_array::PrimitiveArray<Date32Type>),
}

impl<'b> ColumnCells<'b> {
    /// The reader of `array`.
    pub fn new(array: &'b dyn Array) -> ColumnCells<'b> {
        match array.data_type() {
            DataType::Boolean => ColumnCells::Bool(array.as_boolean()),
            DataType::Utf8 => ColumnCells::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => ColumnCells::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => ColumnCells::Utf8View(array.as_string_view()),
            DataType::Int8 => ColumnCells::Int(array, |a, i| a.as_primitive::<Int8Type>().value(i).into()),
            DataType::Int16 => ColumnCells::Int(array, |a, i| a.as_primitive::<Int16Type>().value(i).into()),
            DataType::Int32 => ColumnCells::Int(array, |a, i| a.as_primitive::<Int32Type>().value(i).into()),
            DataType::Int64 => ColumnCells::Int(array, |a, i| a.as_primitive::<Int64Type>().value(i)),
            DataType::UInt8 => ColumnCells::Int(array, |a, i| a.as_primitive::<UInt8Type>().value(i).into()),
            DataType::UInt16 => ColumnCells::Int(array, |a, i| a.as_primitive::<UInt16Type>().value(i).into()),
            DataType::UInt32 => ColumnCells::Int(array, |a, i| a.as_primitive::<UInt32Type>().value(i).into()),
            DataType::Date32 => ColumnCells::Date32(array.as_primitive::<Date32Type>()),
            _ => ColumnCells::Null,
        }
    }

    /// The cell at `row` (null past the end).
    pub fn cell(&self, row: usize) -> Cell<'b> {
        let valid = |a: &dyn Array| row < a.len() && a.is_valid(row);
        match self {
            ColumnCells::Null => Cell::Null,
            ColumnCells::Bool(a) if valid(*a) => Cell::Bool(a.value(row)),
            ColumnCells::Utf8(a) if valid(*a) => Cell::Text(a.value(row)),
            ColumnCells::LargeUtf8(a) if valid(*a) => Cell::Text(a.value(row)),
            ColumnCells::Utf8View(a) if valid(*a) => Cell::Text(a.value(row)),
            ColumnCells::Int(a, read) if valid(*a) => Cell::Int(read(*a, row)),
            ColumnCells::Date32(a) if valid(*a) => days(a.value(row)).map_or(Cell::Null, Cell::Date),
            _ => Cell::Null,
        }
    }
}

/// The text of a cell of any text column (a carried column: the district), if any.
pub fn text_of(array: &ArrayRef, row: usize) -> Option<String> {
    match ColumnCells::new(array.as_ref()).cell(row) {
        Cell::Text(t) => Some(t.to_owned()),
        Cell::Int(n) => Some(n.to_string()),
        Cell::Bool(b) => Some(b.to_string()),
        Cell::Date(d) => Some(d.to_string()),
        Cell::Null => None,
    }
}

/// The date `n` days after 1970-01-01.
fn days(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::days(n.into()))
}
