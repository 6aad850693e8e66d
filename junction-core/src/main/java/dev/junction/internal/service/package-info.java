/**
 * The implementation behind {@code dev.junction.service}: reflective scanning ({@code
 * ServiceScanner}), binding ({@code ParamBinder}, one per method, built at registration), handlers
 * for reflected methods and lambdas, and typed client proxies ({@code ProxyFactory}). Not an API:
 * anything here may change without notice.
 */
package dev.junction.internal.service;
