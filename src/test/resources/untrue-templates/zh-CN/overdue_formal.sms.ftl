【${lender.name}】尊敬的${borrower.name}，您的借款已逾期${installment.dpd}天，我们已通过电子邮件及“${lender.appName}”App向您发送正式逾期通知，请及时查阅。如需帮助，请致电${lender.hotline}。回复TD退订
