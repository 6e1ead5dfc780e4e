//! Offers: present values against spreadsheet-style computations written out in the tests,
//! validation messages, sensitivity, UfAB evaluation, storage.

mod common;
mod csv;
mod evaluation;
mod pv;
mod repo;
mod sensitivity;
mod validate;
mod variants;
