//! A list of records as one table: `{"columns": [...], "rows": [[...]]}`,
//! each key written once rather than once per record. `report --html`
//! embeds its facts and events so, which makes its page about half the
//! size of an array of objects.

use serde::Serialize;
use serde_json::Value;

/// The columns are the keys of the records in the order first met; a
/// record without one of them has `null` in its place.
#[derive(Debug, Default, Serialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The table of `records`, each of which serializes as a JSON object.
    pub fn of<T: Serialize>(records: impl IntoIterator<Item = T>) -> serde_json::Result<Self> {
        let mut table = Table::default();
        for r in records {
            table.push(r)?;
        }
        Ok(table)
    }

    /// Adds `record` as a row, and any key it has that no row had as a
    /// new column (earlier rows then have `null` there).
    pub fn push<T: Serialize>(&mut self, record: T) -> serde_json::Result<()> {
        let Value::Object(fields) = serde_json::to_value(record)? else {
            return Err(serde::ser::Error::custom(
                "a table's record must be an object",
            ));
        };
        let mut row = vec![Value::Null; self.columns.len()];
        for (key, value) in fields {
            match self.columns.iter().position(|c| *c == key) {
                Some(i) => row[i] = value,
                None => {
                    // A new column: rare (a kind's keys are met in its
                    // first rows), so the rows before are padded at once.
                    self.columns.push(key);
                    for earlier in &mut self.rows {
                        earlier.push(Value::Null);
                    }
                    row.push(value);
                }
            }
        }
        self.rows.push(row);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    /// The rows as objects again (`null` cells left out): what a reader
    /// of the table gets back.
    fn objects(t: &Table) -> impl Iterator<Item = Map<String, Value>> + '_ {
        t.rows.iter().map(|row| {
            let cells = t.columns.iter().cloned().zip(row.iter().cloned());
            cells.filter(|(_, v)| !v.is_null()).collect()
        })
    }

    #[test]
    fn records_of_different_keys_share_columns_and_read_back() {
        let records = [
            json!({"subject": "a", "from": "2023-01-01"}),
            json!({"subject": "b", "object": "x", "from": null}),
        ];
        let t = Table::of(&records).unwrap();
        assert_eq!(t.columns, ["subject", "from", "object"]);
        // Every row has every column.
        assert_eq!(
            t.rows,
            [json!(["a", "2023-01-01", null]), json!(["b", null, "x"])]
                .map(|r| r.as_array().unwrap().clone())
        );
        let back: Vec<Value> = objects(&t).map(Value::Object).collect();
        assert_eq!(
            back,
            [
                json!({"subject": "a", "from": "2023-01-01"}),
                json!({"subject": "b", "object": "x"})
            ]
        );
    }

    #[test]
    fn a_record_that_is_not_an_object_is_refused() {
        assert!(Table::of([1, 2]).is_err());
    }
}
