// The Quant module; see Docs/.
