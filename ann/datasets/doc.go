// Package datasets provides classification data for package ann: the
// logic truth tables AND, OR and XOR; the two-moons and
// concentric-circles generators of scikit-learn (make_moons,
// make_circles; Pedregosa et al. 2011, JMLR 12:2825-2830), seeded and with
// Gaussian noise; Fisher's (1936) Iris data, embedded; any CSV file of
// features followed by a class label; feature standardisation fit on a
// training set; and a seeded, optionally stratified, train/test split.
//
// A Dataset holds one sample per row of X and a class index per sample;
// OneHot and Column turn the labels into target matrices for ann.
//
// Randomness comes only from explicit seeds, through package random
// (purpose random.Data): the same seed gives the same data and split.
package datasets
