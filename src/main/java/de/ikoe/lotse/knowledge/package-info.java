/**
 * The knowledge base: loading and validating {@code knowledge-base/}, the Lucene index,
 * query understanding (place, target group, format) and search.
 *
 * <p>Other modules use {@link de.ikoe.lotse.knowledge.KnowledgeSearch} and listen for
 * {@link de.ikoe.lotse.knowledge.KnowledgeReloaded}; everything in {@code internal} is private
 * to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge")
package de.ikoe.lotse.knowledge;
