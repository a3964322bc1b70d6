/**
 * Test plugin in {@code flow.jar}: streams with Session.offer and onWritable.
 * {@link FlowFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.flow;
