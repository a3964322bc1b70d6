/**
 * The example plugin a new author copies: protocol {@code chat-room}, rooms as the API's channels with a backlog for
 * late joiners, built on its own against the published API (see protocols-api/README.md).
 */
package com.example.chat;
