// The FactorLab module; see Docs/.
