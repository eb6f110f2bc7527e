//! Properties of the reader, over arbitrary and generated documents.
