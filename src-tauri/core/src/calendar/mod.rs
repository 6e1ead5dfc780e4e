//! School time: service windows, NRW public holidays (computed) and NRW school holidays
//! (shipped as data with their source), business minutes between instants.
