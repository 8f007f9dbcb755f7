package de.ikoe.lotse.webchat;

import org.springframework.data.jpa.repository.JpaRepository;

interface WebSessions extends JpaRepository<WebSession, String> {
}
