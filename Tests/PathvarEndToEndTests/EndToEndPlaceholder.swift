// The end-to-end suite lives on another branch; this file only lets the package build here.
// Delete it when the real end-to-end tests arrive.
