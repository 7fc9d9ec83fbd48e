//! A YAML value read without a type, kept in the order written: what [`super::parse_in`]
//! cleans of escaped control characters before reading it into its type again.

/// A YAML value read without a type, in the order written, to be cleaned and then read into
/// the type it was parsed as.
#[derive(Debug, Clone)]
pub(super) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(String),
    List(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// Drops control characters from every text; whether anything changed.
    pub(super) fn clean(&mut self) -> bool {
        match self {
            Value::Text(s) => {
                let controls = s.chars().any(crate::base::text::is_control);
                if controls {
                    s.retain(|c| !crate::base::text::is_control(c));
                }
                crate::base::text::normalise(s) | controls
            }
            Value::List(items) => items.iter_mut().fold(false, |c, v| v.clean() | c),
            Value::Map(entries) => entries
                .iter_mut()
                .fold(false, |c, (k, v)| k.clean() | v.clean() | c),
            _ => false,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> serde::de::Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Uint(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Value::Map(entries))
            }
        }
        d.deserialize_any(ValueVisitor)
    }
}

impl<'de> serde::Deserializer<'de> for Value {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        use serde::de::value::{MapDeserializer, SeqDeserializer};
        match self {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Int(i) => v.visit_i64(i),
            Value::Uint(u) => v.visit_u64(u),
            Value::Float(f) => v.visit_f64(f),
            Value::Text(s) => v.visit_string(s),
            Value::List(items) => v.visit_seq(SeqDeserializer::new(items.into_iter())),
            Value::Map(entries) => v.visit_map(MapDeserializer::new(entries.into_iter())),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }

    // A text field takes a scalar as it was written (`title: 2024` is the text "2024"), and
    // nothing (`title:`) as an empty text, as the typed parse did.
    fn deserialize_str<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => v.visit_str(""),
            Value::Bool(b) => v.visit_string(b.to_string()),
            Value::Int(i) => v.visit_string(i.to_string()),
            Value::Uint(u) => v.visit_string(u.to_string()),
            Value::Float(f) => v.visit_string(f.to_string()),
            other => other.deserialize_any(v),
        }
    }

    fn deserialize_string<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.deserialize_str(v)
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Self::Error> {
        use serde::de::IntoDeserializer;
        match self {
            Value::Text(s) => v.visit_enum(s.into_deserializer()),
            other => other.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> serde::de::IntoDeserializer<'de> for Value {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}
