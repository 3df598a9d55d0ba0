// Package quantity reads physical quantities as scenario files write them,
// "10 ms", "-65 mV", "1 uF/cm^2", "20000 um^2", and converts them to the
// unit a model works in, checking dimensions.
//
// A quantity is a decimal number, optional spaces, and a unit. A unit is a
// product of terms, optionally followed by "/" and the terms of the
// denominator: "mS/cm^2", "1/ms", "/ms", "ms^-1", "A*s". A term is a
// symbol with an optional SI prefix and an optional integer power "^n"
// ("²" and "³" may stand for "^2" and "^3"). Symbols:
//
//	s  Hz  V  A  S  F  ohm (Ohm, Ω)  m  C  K  mol  M (mol/L)  degC (°C)
//
// Prefixes: T G M k d c m u (µ, μ) n p f a. Symbols are case-sensitive
// ("mS" is millisiemens, "MS" megasiemens), except the spelling of ohm.
// degC is an absolute temperature (0 degC = 273.15 K); it takes no prefix
// or power and cannot be part of a compound unit.
//
// Dimensions are those of gonum.org/v1/gonum/unit: a Unit holds its
// dimensions as a *unit.Unit, so dimensional bookkeeping is gonum's, not
// this package's. Its size is kept as a power of ten of the SI unit, so
// that a change of prefix is one multiplication or division by an exact
// power of ten: "0.5 nA" in pA is 500, not 500.00000000000006.
package quantity
