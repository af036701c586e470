#if !NET8_0_OR_GREATER
// The polyfills' extension members, in scope in every file of this assembly only: a namespace of their own keeps them
// from friend assemblies (the tests), which compile against the real members.
global using StaticNet.Polyfills;
#endif
