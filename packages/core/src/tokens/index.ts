export {
  createTokenManager,
  type FetchedToken,
  type TokenManager,
  type TokenManagerOptions,
} from './token-manager.ts'
export {
  createMemoryTokenStore,
  type MemoryTokenStoreOptions,
  type StoredToken,
  type TokenLease,
  type TokenStore,
} from './token-store.ts'
