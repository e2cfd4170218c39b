/// Every file of this target sees the shared test helpers (``close``, ``relativeDifference``,
/// ``ReferenceData``) without its own import line.
@_exported import TestSupport
