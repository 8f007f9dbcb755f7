package de.ikoe.lotse.console;

import org.springframework.data.jpa.repository.JpaRepository;

interface CounsellorAccounts extends JpaRepository<CounsellorAccount, String> {
}
